namespace Overwatch.Build.Images.Refs;

/// <summary>Where the git ref was read from, in the order detection tries them.</summary>
public enum RefSource { Arguments, Travis, GitHub, GitLab, Git }
