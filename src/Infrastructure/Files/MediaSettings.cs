using Microsoft.Extensions.Configuration;

namespace Shop.Infrastructure.Files;

/// <summary>Where uploaded files are kept: <c>Media:Root</c> (<c>Media__Root</c>), else <c>data/media</c> under the content root.</summary>
public sealed record MediaSettings(string Root)
{
    public const string RootKey = "Media:Root";

    /// <param name="contentRoot">The app's folder; a relative <c>Media:Root</c> is taken from there.</param>
    public static MediaSettings From(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration[RootKey];
        var root = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(contentRoot, "data", "media")
            : Path.GetFullPath(configured, contentRoot);
        return new MediaSettings(Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)));
    }
}
