namespace Overwatch.Build.Deploy.Model;

/// <summary>What an executable is; named by its YAML key up to the first '_' (<c>zmqReceiver_EMC</c> is <see cref="ZmqReceiver"/>).</summary>
public enum ExecutableKind
{
    Zodb,
    ZmqReceiver,
    Processing,
    DataReplay,
    DataReplayDataTransfer,
    ReceiverMonitor,
    DataTransfer,
    WebApp,
    DqmReceiver,
}

public static class ExecutableKinds
{
    private static readonly IReadOnlyDictionary<string, ExecutableKind> ByYamlName = new Dictionary<string, ExecutableKind>(StringComparer.Ordinal)
    {
        ["zodb"] = ExecutableKind.Zodb,
        ["zmqReceiver"] = ExecutableKind.ZmqReceiver,
        ["processing"] = ExecutableKind.Processing,
        ["dataReplay"] = ExecutableKind.DataReplay,
        ["dataReplayDataTransfer"] = ExecutableKind.DataReplayDataTransfer,
        ["receiverMonitor"] = ExecutableKind.ReceiverMonitor,
        ["dataTransfer"] = ExecutableKind.DataTransfer,
        ["webApp"] = ExecutableKind.WebApp,
        ["dqmReceiver"] = ExecutableKind.DqmReceiver,
    };

    public static IEnumerable<string> YamlNames => ByYamlName.Keys;

    public static bool TryFromExecutableName(string name, out ExecutableKind kind)
    {
        var underscore = name.IndexOf('_');
        return ByYamlName.TryGetValue(underscore < 0 ? name : name[..underscore], out kind);
    }

    /// <summary>Overwatch's own Python programs; they read the Overwatch <c>config.yaml</c>.</summary>
    public static bool IsOverwatchProgram(this ExecutableKind kind) => kind is not (ExecutableKind.Zodb or ExecutableKind.ZmqReceiver);

    /// <summary>Flask apps that can run under uwsgi and behind nginx.</summary>
    public static bool IsWebApp(this ExecutableKind kind) => kind is ExecutableKind.WebApp or ExecutableKind.DqmReceiver;

    /// <summary>The command supervisor runs when the executable is not served by uwsgi.</summary>
    public static string Command(this ExecutableKind kind) => kind switch
    {
        ExecutableKind.Processing => "overwatchProcessing",
        ExecutableKind.DataReplay => "overwatchReplay",
        ExecutableKind.DataReplayDataTransfer => "overwatchReplayDataTransfer",
        ExecutableKind.ReceiverMonitor => "overwatchReceiverMonitor",
        ExecutableKind.DataTransfer => "overwatchReceiverDataTransfer",
        ExecutableKind.WebApp => "overwatchWebApp",
        ExecutableKind.DqmReceiver => "overwatchDQMReceiver",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "has a command built from its options"),
    };
}
