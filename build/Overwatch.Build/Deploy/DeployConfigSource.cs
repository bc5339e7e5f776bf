using System.Globalization;
using System.Text;
using Overwatch.Build.Yaml;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Deploy;

/// <summary>Where the deploy YAML comes from: --deploy-config=FILE, or an environment variable (default <c>config</c>), never both.</summary>
public static class DeployConfigSource
{
    /// <summary>The seed's variable holding the deploy YAML.</summary>
    public static string DefaultVariable => BuildArguments.DeployConfigEnv.DefaultValue!;

    /// <summary>
    /// The variables the deploy YAML is read with: the environment, with PWD (for <c>${PWD}</c> and the default
    /// receiver path) set to the working directory whatever directory the process was started in.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Variables(IReadOnlyDictionary<string, string?> environment, string workingDirectory) =>
        new Dictionary<string, string?>(environment) { ["PWD"] = workingDirectory };

    /// <returns>The YAML and a description of where it came from; null when nothing is given and <paramref name="required"/> is false.</returns>
    public static (string Yaml, string Source)? Read(string? file, string? variableArgument, IReadOnlyDictionary<string, string?> environment,
        string workingDirectory, bool required)
    {
        if (file is not null && variableArgument is not null)
        {
            throw new UsageException("both --deploy-config and --deploy-config-env are given; specify only one (a file, or the variable holding the YAML)");
        }
        if (file is not null)
        {
            var path = Path.GetFullPath(file, workingDirectory);
            if (Directory.Exists(path)) throw new UsageException($"--deploy-config: '{file}' is a directory (looked at {path}); give the path of your deployment YAML file");
            if (!File.Exists(path)) throw new UsageException($"--deploy-config: file '{file}' does not exist (looked at {path}); give the path of your deployment YAML");
            return (ReadBounded(path, file), path);
        }
        var variable = variableArgument ?? DefaultVariable;
        if (environment.TryGetValue(variable, out var text) && !string.IsNullOrWhiteSpace(text)) return (text, $"the environment variable '{variable}'");
        if (!required && variableArgument is null) return null;
        throw new UsageException(variableArgument is null
            ? $"no deploy configuration: pass --deploy-config=FILE, or export the YAML in the variable '{variable}' (export {variable}=\"$(cat deployConfig.yaml)\")"
            : $"--deploy-config-env: the environment variable '{variable}' is {(text is null ? "not set" : "empty")}; export the YAML in it (export {variable}=\"$(cat deployConfig.yaml)\") or pass --deploy-config=FILE");
    }

    /// <summary>Reads at most the size limit (a device or a huge file is refused without reading it all); bytes are decoded as UTF-8.</summary>
    private static string ReadBounded(string path, string file)
    {
        var limit = YamlLimits.Default.MaxBytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
            var buffer = new byte[limit + 1];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0) length += read;
            if (length > limit)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                    $"--deploy-config: '{file}' is larger than the limit of {limit:N0} bytes ({YamlLimits.Describe(limit)}); a deploy configuration is a few KB, check that this is the right file"));
            }
            // Invalid UTF-8 becomes U+FFFD, which the YAML check reports with its line.
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetString(buffer, 0, length).TrimStart('\uFEFF');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--deploy-config: cannot read '{file}' ({e.Message}); check its permissions");
        }
    }
}
