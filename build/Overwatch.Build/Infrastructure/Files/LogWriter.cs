using System.Text;

namespace Overwatch.Build.Infrastructure.Files;

/// <summary>A TextWriter whose lines go to the build log.</summary>
public sealed class LogWriter(Action<string> log) : TextWriter
{
    private readonly StringBuilder line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            log(line.ToString().TrimEnd('\r'));
            line.Clear();
        }
        else
        {
            line.Append(value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (line.Length > 0) log(line.ToString());
        line.Clear();
        base.Dispose(disposing);
    }
}
