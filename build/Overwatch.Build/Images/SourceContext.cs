using Overwatch.Build.Infrastructure.Processes;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Images;

/// <summary>
/// The build context of an image that holds the Overwatch source: a fresh temporary directory with the files of the
/// images file's context and, in <see cref="ImageSpec.SourceTree"/>, <c>git archive</c> of the planned commit (so
/// untracked and ignored files never enter the image, and nothing is cloned inside the build). Removed on dispose,
/// also when the run is interrupted. Docker caches by content, not mtimes: the same commit rebuilds from cache.
/// </summary>
public sealed class SourceContext : IDisposable
{
    private readonly IDisposable cleanUp;

    private SourceContext(string directory)
    {
        Directory = directory;
        cleanUp = Interrupts.OnInterrupt(Remove);
    }

    public string Directory { get; }

    /// <summary>
    /// The context to build <paramref name="image"/> with: its own context directory when it needs no source, else a
    /// new one (null to dispose in the first case).
    /// </summary>
    public static SourceContext? Assemble(ImageSpec image, string sourceDir, string? commit, IProcessRunner runner, Action<string> log)
    {
        if (Check(image, sourceDir, commit, runner) is not { } checkout || image.SourceTree is null || commit is null) return null;
        var context = new SourceContext(Path.Combine(Path.GetTempPath(), $"overwatch-build-context-{Guid.NewGuid():N}"));
        try
        {
            CopyDirectory(image.Context, context.Directory);
            var tree = Path.Combine(context.Directory, image.SourceTree);
            if (System.IO.Directory.Exists(tree)) System.IO.Directory.Delete(tree, recursive: true);
            System.IO.Directory.CreateDirectory(tree);
            var archive = context.Directory + ".tar";
            try
            {
                Require(runner, new ProcessSpec("git", ["-C", checkout, "archive", "--format=tar", "--output", archive, commit]), $"git archive of {commit} in {checkout}");
                Require(runner, new ProcessSpec("tar", ["-x", "-f", archive, "-C", tree]), $"tar -x of the archive of {commit}");
            }
            finally
            {
                File.Delete(archive);
            }
            log($"Build context: {image.SourceTree}/ holds {checkout} at {commit} (git archive)");
            return context;
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The checkout holding the planned commit, or one clear line when there is none (null when the image needs no
    /// source): checked before anything is pulled, also when the build turns out to be skipped.
    /// </summary>
    public static string? Check(ImageSpec image, string sourceDir, string? commit, IProcessRunner runner)
    {
        if (image.SourceTree is null) return null;
        var checkout = GitCheckout(sourceDir, runner);
        if (commit is null)
            throw new UsageException($"the commit to build is unknown: {checkout} has no commit checked out; commit, or pass --source-dir=PATH of an Overwatch clone");
        if (!Git(runner, checkout, "cat-file", "-e", commit + "^{commit}").Succeeded)
            throw new UsageException($"commit {commit} is not in {checkout}: fetch it (git -C {checkout} fetch origin {commit}) or pass --source-dir=PATH of a clone that has it");
        return checkout;
    }

    public void Dispose()
    {
        Remove();
        cleanUp.Dispose();
    }

    private void Remove()
    {
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>The top of the git checkout holding <paramref name="sourceDir"/>, or one clear line.</summary>
    private static string GitCheckout(string sourceDir, IProcessRunner runner)
    {
        if (!System.IO.Directory.Exists(sourceDir))
            throw new UsageException($"--source-dir '{sourceDir}' does not exist: point it at your Overwatch clone");
        ProcessResult top;
        try
        {
            top = Git(runner, sourceDir, "rev-parse", "--show-toplevel");
        }
        catch (ProgramNotFoundException)
        {
            throw new UsageException("git is not installed: the app image is built from git archive of the planned commit; install git");
        }
        return top.Succeeded
            ? top.StandardOutput.Trim()
            : throw new UsageException($"{sourceDir} is not a git checkout: the app image holds git archive of a commit; pass --source-dir=PATH of an Overwatch clone");
    }

    private static ProcessResult Git(IProcessRunner runner, string directory, params string[] arguments) =>
        runner.Run(new ProcessSpec("git", ["-C", directory, .. arguments]));

    private static void Require(IProcessRunner runner, ProcessSpec spec, string what)
    {
        var result = runner.Run(spec);
        if (!result.Succeeded) throw new InvalidOperationException(result.Failure(what));
    }

    // The images file's context holds the start command (docker/overwatch-start) and whatever else the Dockerfile copies.
    private static void CopyDirectory(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (var directory in System.IO.Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            System.IO.Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        foreach (var file in System.IO.Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
