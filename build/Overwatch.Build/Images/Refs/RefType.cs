namespace Overwatch.Build.Images.Refs;

public enum RefType { Branch, Tag, PullRequest }
