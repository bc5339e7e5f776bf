#!/usr/bin/env pwsh
# Bootstraps the build on PowerShell: restores the pinned Cake tool, builds the build library,
# then runs build.cake with every argument passed through. Exits with Cake's exit code.
$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath $PSScriptRoot

$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'
$env:CAKE_SETTINGS_ENABLESCRIPTCACHE = 'true'

dotnet tool restore | Out-Host
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }

dotnet build build/Overwatch.Build/Overwatch.Build.csproj -c Release -o .build/lib -nologo -v q
if ($LASTEXITCODE -ne 0) { [Console]::Error.WriteLine('error: the build library failed to compile (see above)'); exit 1 }

# The library was (re)built above, so the cached script must be recompiled against it.
dotnet cake build.cake --invalidate-script-cache @args
exit $LASTEXITCODE
