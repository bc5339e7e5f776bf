using NUnit.Framework;
using Overwatch.Build.Inputs;

namespace Overwatch.Build.Tests.Inputs;

/// <summary>Arguments as Cake hands them over: unknown names refused, bare values refused, repeats kept.</summary>
public sealed class ArgumentSetTests
{
    public static ArgumentSet Args(params string[] given) => new(given
        .Select(a => a.TrimStart('-').Split('=', 2))
        .GroupBy(parts => parts[0])
        .Select(g => new KeyValuePair<string, ICollection<string>>(g.Key, g.Select(parts => parts.Length > 1 ? parts[1] : "").ToList())));

    [TestCase("--pyhton-version=3.6.7", "--pyhton-version")]
    [TestCase("--regsitry=docker.io", "--regsitry")]
    [TestCase("--foo", "--foo")]
    public void Unknown_argument_is_a_usage_error_listing_the_known_ones(string argument, string named)
    {
        var error = Assert.Throws<UsageException>(() => Args("--target=Images", argument));

        Assert.That(error!.Message, Does.StartWith($"unknown argument {named}:").And.Contain("--python-version").And.Contain("--registry"));
    }

    [TestCase("--target=Images")]
    [TestCase("--verbosity=diagnostic")]
    [TestCase("--settings_skipverification=true")]
    [TestCase("--Registry=docker.io")]
    public void Cake_and_our_own_arguments_are_accepted(string argument) =>
        Assert.DoesNotThrow(() => Args(argument));

    [Test]
    public void Names_are_matched_without_case() =>
        Assert.That(Args("--Registry=docker.io").Get(BuildArguments.Registry), Is.EqualTo("docker.io"));

    [Test]
    public void Every_declared_argument_is_known_and_named_once()
    {
        var names = BuildArguments.All.Select(a => a.Name).ToList();

        Assert.That(names, Is.Unique);
        Assert.That(names.All(KnownArguments.IsKnown), Is.True);
        Assert.That(BuildArguments.All.SelectMany(a => a.Targets).Distinct(), Is.SubsetOf(TargetNames.All));
    }

    [TestCase("--registry")]
    [TestCase("--registry=")]
    [TestCase("--registry=  ")]
    public void Bare_single_value_argument_is_a_usage_error(string argument)
    {
        var arguments = Args(argument);

        var error = Assert.Throws<UsageException>(() => arguments.Get(BuildArguments.Registry));

        Assert.That(error!.Message, Is.EqualTo("--registry needs a value: --registry=VALUE"));
    }

    [Test]
    public void Single_takes_the_value_trimmed_also_when_repeated_alike_and_null_when_absent()
    {
        var arguments = Args("--registry=b.io", "--registry= b.io ");

        Assert.That(arguments.Get(BuildArguments.Registry), Is.EqualTo("b.io"));
        Assert.That(arguments.Get(BuildArguments.Tag), Is.Null);
    }

    [Test]
    public void Single_value_argument_given_different_values_is_a_usage_error()
    {
        var arguments = Args("--branch=master", "--branch=develop");

        var error = Assert.Throws<UsageException>(() => arguments.Get(BuildArguments.Branch));

        Assert.That(error!.Message, Is.EqualTo("--branch is given 2 different values ('master', 'develop'): give it once"));
    }

    [Test]
    public void Repeated_argument_keeps_every_value_in_order()
    {
        var arguments = Args("--python-version=3.7.1", "--python-version=2.7.15");

        Assert.That(arguments.Get(BuildArguments.PythonVersion), Is.EqualTo(new[] { "3.7.1", "2.7.15" }));
        Assert.That(Args().Get(BuildArguments.PythonVersion), Is.Empty);
    }

    [Test]
    public void Repeated_argument_with_one_bare_value_is_a_usage_error()
    {
        var arguments = Args("--python-version=3.7.1", "--python-version");

        var error = Assert.Throws<UsageException>(() => arguments.Get(BuildArguments.PythonVersion));

        Assert.That(error!.Message, Does.Contain("--python-version needs a value"));
    }

    [TestCase("--force", true)]
    [TestCase("--force=true", true)]
    [TestCase("--force=TRUE", true)]
    [TestCase("--force=false", false)]
    [TestCase("--up=false", false)]
    public void Switch_is_true_when_bare_or_true(string argument, bool expected)
    {
        var arguments = Args(argument);

        Assert.That(arguments.Get(argument.StartsWith("--up") ? BuildArguments.Up : BuildArguments.Force), Is.EqualTo(expected));
    }

    [Test]
    public void Absent_switch_is_false_and_a_non_boolean_value_is_a_usage_error()
    {
        var arguments = Args("--force=yes");

        Assert.That(arguments.Get(BuildArguments.Up), Is.False);
        var error = Assert.Throws<UsageException>(() => arguments.Get(BuildArguments.Force));
        Assert.That(error!.Message, Does.Contain("--force=yes").And.Contain("--force=false"));
    }
}
