using NUnit.Framework;
using Overwatch.Build.Infrastructure.Docker;

namespace Overwatch.Build.Tests.Infrastructure.Docker;

public sealed class SecretMaskTests
{
    [Test]
    public void A_long_secret_is_hidden_wherever_it_occurs()
    {
        var mask = new SecretMask();
        mask.Add("Pa55-w0rd-7f3a");

        Assert.That(mask.Apply("login with xPa55-w0rd-7f3ay"), Is.EqualTo("login with x***y"));
    }

    [Test]
    public void A_short_secret_inside_words_is_left_alone_so_its_letters_are_not_revealed()
    {
        var mask = new SecretMask();
        mask.Add("e");

        Assert.That(mask.Apply("Error response from daemon"), Is.EqualTo("Error response from daemon"));
    }

    [TestCase("password: e", "password: ***")]
    [TestCase("user:e@host", "user:***@host")]
    [TestCase("e", "***")]
    public void A_short_secret_standing_alone_is_hidden(string text, string expected)
    {
        var mask = new SecretMask();
        mask.Add("e");

        Assert.That(mask.Apply(text), Is.EqualTo(expected));
    }
}
