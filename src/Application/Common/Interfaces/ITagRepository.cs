using Shop.Domain.Tags;

namespace Shop.Application.Common.Interfaces;

public interface ITagRepository
{
    Task<Tag?> GetAsync(int id, CancellationToken cancellationToken);

    /// <summary>The tags with these slugs (those that exist).</summary>
    Task<IReadOnlyList<Tag>> GetBySlugsAsync(IReadOnlyCollection<string> slugs, CancellationToken cancellationToken);

    void Add(Tag tag);

    /// <summary>Removes the tag and, with it, its links to products.</summary>
    void Remove(Tag tag);

    Task<IReadOnlyCollection<string>> SlugsLikeAsync(string baseSlug, CancellationToken cancellationToken);
}
