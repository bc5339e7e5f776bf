using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Overwatch.Build.Images.Plan;
using Overwatch.Build.Infrastructure.Docker;

namespace Overwatch.Build.Images.Publish;

/// <summary>One reference to push, and whether it is a release that must never move.</summary>
public sealed record PlannedPush(string Reference, bool Immutable);

/// <summary>
/// Pushes the references of every Python version, the versions in lanes side by side, each version's references
/// one after another in its push order (its own tags before floating ones). The registry is asked first what each
/// tag holds: a tag that holds this very image is not pushed, and once one tag of an image is in the registry its
/// other tags get the same manifest put under them instead of another `docker push`; whatever the registry could
/// not tell is pushed with docker as before. Every release tag of every version is checked first, so a release the
/// registry refuses stops the run before any version is pushed. A reference is pushed once per run however many
/// versions name it. One docker login for all lanes, only when docker has something to push; logged out after the
/// last push. A version the registry already holds with images of the current inputs (<see cref="RegistryNoOp"/>) is
/// left alone.
/// </summary>
/// <param name="matrix">Runs the versions side by side; it tells the record which version failed.</param>
public sealed class Publisher(BuildPlan plan, DockerCli docker, RegistryLogin login, PublishRecorder record, SettledVersions settled,
    VersionMatrix matrix, Action<string> log)
{
    public const string AlreadyHeld = "the registry already holds this image";

    public void Push(Func<ImagePlan, IReadOnlyList<PlannedPush>> pushesOf, bool allowOverwrite)
    {
        var api = login.Api;
        var images = settled.Unsettled(plan.Images);
        var pushes = images.ToDictionary(image => image, pushesOf);
        var references = plan.Images.SelectMany(pushesOf).Select(p => p.Reference).Distinct().ToList();
        // Settled versions: the record already says so (RegistryNoOp); the account reads it.
        foreach (var reference in references.Except(pushes.Values.SelectMany(p => p).Select(p => p.Reference)))
            log($"{reference}: {RegistryNoOp.Reason}.");
        var ids = new ConcurrentDictionary<string, string?>(StringComparer.Ordinal);
        // Asked only where it decides something: a tag that holds an image, a tag made from another's manifest.
        string? Local(string reference) => ids.GetOrAdd(reference, r => record.ImageIdOf(r) ?? docker.ImageId(r));
        var held = AskRegistry(api, pushes.Values.Select(p => p.Select(r => r.Reference).ToList()).ToList(), matrix.Parallel);

        var unchanged = new ConcurrentDictionary<string, UnchangedRelease>(StringComparer.Ordinal);
        var releases = pushes.Values.SelectMany(p => p).Where(p => p.Immutable).ToList();
        if (releases.Count > 0)
        {
            var guard = new ReleaseGuard(log);
            matrix.Run(images, "Release check", image =>
            {
                foreach (var push in pushes[image].Where(p => p.Immutable))
                {
                    var local = Local(push.Reference) ?? throw new DockerException($"{push.Reference} is not a local image: build it with ./build.sh --target=DockerImage");
                    var inputs = record.InputsOf(push.Reference) ?? LocalInputs(push.Reference);
                    held[push.Reference] = AskAgain(api, push.Reference, held[push.Reference]);
                    if (guard.Inspect(push.Reference, allowOverwrite, held[push.Reference], local, inputs, m => PublishedInputs(api, push.Reference, m))
                        is { } release)
                        unchanged[push.Reference] = release;
                }
            });
        }

        var routes = images.ToDictionary(image => image,
            image => PushRoute.For(plan.Registry, pushes[image].Select(p => p.Reference).ToList(), unchanged.Keys.ToHashSet(), r => held[r], Local));
        if (routes.Values.SelectMany(r => r).Any(step => step.Way == PushWay.Docker)) login.LogIn();
        var started = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var progress = new StepProgress(routes.Values.SelectMany(r => r).Where(s => s.Way is PushWay.Tag or PushWay.Docker).Select(s => s.Reference).Distinct().Count(), log);
        matrix.Run(images, "Push", image =>
        {
            // The manifests this image's tags hold, as they become known: later tags are made from them.
            var inRegistry = new Dictionary<string, RegistryManifest>(StringComparer.Ordinal);
            var route = routes[image];
            for (var i = 0; i < route.Count; i++)
            {
                var (reference, way, from) = route[i];
                if (way == PushWay.Unchanged)
                {
                    log(unchanged[reference].Line);
                    record.Skipped(reference, unchanged[reference].Reason, unchanged[reference].Digest);
                    if (held[reference].Manifest is { } release) inRegistry[reference] = release;
                    continue;
                }
                if (!started.TryAdd(reference, true)) continue;
                if (way == PushWay.Held)
                {
                    var manifest = held[reference].Manifest!;
                    log($"{reference}: {AlreadyHeld}: not pushed.");
                    record.Skipped(reference, AlreadyHeld, manifest.Digest);
                    inRegistry[reference] = manifest;
                    continue;
                }
                progress.Start($"pushing {reference}");
                if (way == PushWay.Tag && api is not null && inRegistry.TryGetValue(from!, out var source))
                {
                    var refused = api.PutManifest(reference, source);
                    if (refused is null)
                    {
                        record.Pushed(reference, source.Digest);
                        inRegistry[reference] = source;
                        log($"Pushed {reference} by tagging {source.Digest} in the registry.");
                        continue;
                    }
                    log($"Could not tag {reference} in the registry ({docker.Mask(refused)}): pushing it with docker.");
                }
                else if (way == PushWay.Docker && api is not null && held[reference].Unknown is { } why)
                    log($"Could not ask the registry which image {reference} holds ({docker.Mask(why)}): pushing it.");
                var followed = route.Skip(i + 1).Any(s => s.From == reference);
                if (DockerPush(reference, api, followed, Local(reference)) is { } pushed) inRegistry[reference] = pushed;
            }
        }, () => record.Account(references));
        login.LogOut();
    }

    /// <summary>Pushes with docker; returns the manifest the registry now holds when another tag of the image is to follow.</summary>
    private RegistryManifest? DockerPush(string reference, RegistryClient? api, bool followed, string? id)
    {
        login.LogIn();
        var outcome = docker.Registry(DockerCommands.Push(reference), $"push of {reference}", quiet: false);
        if (!outcome.Succeeded)
        {
            var failure = $"docker push of {reference} failed: {outcome.Summary}; {outcome.LastFailure!.Fix}.";
            record.Failed(reference, failure);
            throw new DockerException(failure + Environment.NewLine + docker.Mask(outcome.Result.Tail()));
        }
        var pushedDigest = PushOutput.Digest(outcome.Result.StandardOutput);
        // Asked only when another tag is made from it, or docker named no digest (an older docker).
        var now = followed || pushedDigest is null ? api?.Manifest(reference) : null;
        var manifest = now is not null && now.Holds(id) ? now.Manifest : null;
        var digest = pushedDigest ?? manifest?.Digest;
        record.Pushed(reference, digest);
        log($"Pushed {reference}" + (digest is null ? "." : $" ({digest})."));
        return manifest?.Digest == digest ? manifest : null;
    }

    /// <summary>
    /// What the registry holds under each reference, asked before anything is pushed: the images side by side, the
    /// tags of one image one after another (they share a manifest, fetched once).
    /// </summary>
    private static ConcurrentDictionary<string, TagLookup> AskRegistry(RegistryClient? api, IReadOnlyList<IReadOnlyList<string>> images, int parallel)
    {
        var held = new ConcurrentDictionary<string, TagLookup>(StringComparer.Ordinal);
        try
        {
            Parallel.ForEach(images, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallel) }, references =>
            {
                foreach (var reference in references)
                    held.GetOrAdd(reference, r => api?.Manifest(r) ?? TagLookup.Unsure("no credentials"));
            });
        }
        catch (AggregateException e)
        {
            // Only an interrupt ends a question early: it goes on as itself.
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        return held;
    }

    /// <summary>
    /// A release the registry could not answer for, transiently (5xx, no answer), is asked again within the run's retry
    /// policy before the release check refuses it: a release job should not fail on one 503.
    /// </summary>
    private TagLookup AskAgain(RegistryClient? api, string reference, TagLookup lookup)
    {
        var clock = Stopwatch.StartNew();
        for (var retry = 1; api is not null && lookup.Unknown is { } why && RegistryClient.Transient(why)
             && docker.Retries.DelayBefore(retry, clock.Elapsed, null, Random.Shared.NextDouble()) is { } wait; retry++)
        {
            log($"{reference}: cannot tell which image the release holds ({docker.Mask(why)}); retry {retry} of {docker.Retries.Retries} in {wait.TotalSeconds:0.#} s");
            docker.Sleep(wait);
            lookup = api.Manifest(reference);
        }
        return lookup;
    }

    /// <summary>The inputs label of a local image this run did not build, or null.</summary>
    private string? LocalInputs(string reference) =>
        docker.InspectImages([reference]).GetValueOrDefault(reference)?.Labels.GetValueOrDefault(AppInputs.Label);

    private static (string? Inputs, string? Unknown) PublishedInputs(RegistryClient? api, string reference, RegistryManifest manifest)
    {
        if (api is null) return (null, "no credentials");
        var label = RegistryLabel.Read(api, reference, manifest, AppInputs.Label);
        return (label.Value, label.Unreadable ?? (label.Missing ? "it has no inputs label" : null));
    }
}
