using Microsoft.EntityFrameworkCore;
using Shop.Application.Common.Interfaces;
using Shop.Domain.Tags;

namespace Shop.Infrastructure.Persistence.Repositories;

internal sealed class TagRepository(ShopDbContext db) : ITagRepository
{
    public Task<Tag?> GetAsync(int id, CancellationToken cancellationToken) =>
        db.Tags.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);

    public async Task<IReadOnlyList<Tag>> GetBySlugsAsync(IReadOnlyCollection<string> slugs, CancellationToken cancellationToken) =>
        await db.Tags.Where(t => slugs.Contains(t.Slug)).ToListAsync(cancellationToken);

    public void Add(Tag tag) => db.Tags.Add(tag);

    // The ProductTags foreign key cascades, so the tag's links go with it in the same statement.
    public void Remove(Tag tag) => db.Tags.Remove(tag);

    public Task<IReadOnlyCollection<string>> SlugsLikeAsync(string baseSlug, CancellationToken cancellationToken) =>
        db.Tags.SlugsLike(baseSlug, cancellationToken);
}
