namespace Overwatch.Build.Refs;

public enum RefType { Branch, Tag, PullRequest }
