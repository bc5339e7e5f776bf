using System.Text;

namespace Overwatch.Build.Images.Plan;

/// <summary>The plan as a plain-text table for the console (no colours: it is also read in CI logs).</summary>
public static class PlanTable
{
    public static string Render(BuildPlan plan)
    {
        var text = new StringBuilder();
        text.AppendLine($"Ref:      {plan.Ref} (from {plan.Ref.Source.ToString().ToLowerInvariant()})");
        text.AppendLine($"Commit:   {plan.Commit ?? "unknown (not a git checkout)"}");
        text.AppendLine($"Publish:  {(plan.Publish ? "yes" : "no")}: {plan.Reason}");
        text.AppendLine($"Registry: {plan.Registry}");
        text.AppendLine();

        string[] header = ["Python", "Base image", "Tags"];
        var rows = plan.Images.Select(i => new[] { i.Python.ToString(), i.CurrentBase, string.Join(", ", i.Tags) }).ToList();
        var widths = Enumerable.Range(0, header.Length)
            .Select(c => rows.Select(r => r[c].Length).Append(header[c].Length).Max()).ToArray();
        void Row(string[] cells) => text.AppendLine(string.Join("  ", cells.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        Row(header);
        Row(widths.Select(w => new string('-', w)).ToArray());
        rows.ForEach(Row);

        text.AppendLine($"Base images are tagged with the hash of their inputs ({Path.GetFileName(plan.BaseImage.Dockerfile)}, PYTHON_VERSION, the files it copies) and pyX.Y.Z.");
        text.AppendLine();
        text.AppendLine(plan.Publish ? "References to push:" : "References (built, not pushed):");
        foreach (var reference in plan.Images.SelectMany(i => i.References)) text.AppendLine("  " + reference);
        return text.ToString();
    }
}
