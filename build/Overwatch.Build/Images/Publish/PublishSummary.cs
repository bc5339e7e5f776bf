using System.Text;

namespace Overwatch.Build.Images.Publish;

/// <summary>The publish record for people: a plain table for the log, a Markdown table for a CI run's page.</summary>
public static class PublishSummary
{
    private static readonly string[] Header = ["Python", "Reference", "Status", "Digest", "Smoke test", "Why"];

    /// <summary>Every reference with its digest, as the run's last words in the log.</summary>
    public static string Text(PublishRecord record)
    {
        var rows = Rows(record, digest => digest ?? "-");
        var widths = Enumerable.Range(0, Header.Length).Select(c => rows.Select(r => r[c].Length).Append(Header[c].Length).Max()).ToArray();
        var text = new StringBuilder($"Publish record ({(record.Succeeded ? "succeeded" : "failed")}):").AppendLine();
        void Row(string[] cells) => text.AppendLine("  " + string.Join("  ", cells.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        Row(Header);
        Row(widths.Select(w => new string('-', w)).ToArray());
        rows.ForEach(Row);
        return text.ToString().TrimEnd();
    }

    /// <summary>The Markdown appended to $GITHUB_STEP_SUMMARY.</summary>
    public static string Markdown(PublishRecord record)
    {
        var text = new StringBuilder();
        text.AppendLine($"### Images of {Cell(record.Ref)}: {(record.Succeeded ? "succeeded" : "failed")}");
        text.AppendLine();
        text.AppendLine($"Publish: {(record.Publish ? "yes" : "no")}: {Cell(record.Reason)}");
        text.AppendLine();
        text.AppendLine("| " + string.Join(" | ", Header) + " |");
        text.AppendLine("|" + string.Concat(Header.Select(_ => " --- |")));
        foreach (var row in Rows(record, digest => digest is null ? "-" : $"`{digest}`"))
            text.AppendLine("| " + string.Join(" | ", row.Select((cell, c) => c is 1 ? $"`{cell}`" : c is 3 ? cell : Cell(cell))) + " |");
        return text.ToString();
    }

    private static List<string[]> Rows(PublishRecord record, Func<string?, string> digest) =>
        record.Versions.SelectMany(v => v.References.Select(r => new[]
        {
            v.Python.ToString(), r.Reference, PublishRecordJson.StatusName(r.Status), digest(r.Digest), v.SmokeTest, r.Reason ?? "",
        })).ToList();

    /// <summary>Table cells are one line without pipes; backticks would open code spans.</summary>
    private static string Cell(string text) =>
        text.Replace("\r", "").Replace('\n', ' ').Replace("|", "\\|").Replace("`", "'");
}
