using MediatR;
using Shop.Application.Categories;
using Shop.Application.Categories.Commands;
using Shop.Application.Categories.Queries;
using Shop.Application.Common.Models;
using Shop.Application.Tags;
using Shop.Application.Tags.Commands;
using Shop.Application.Tags.Queries;
using Shop.Domain.Categories;
using Shop.Domain.Tags;

namespace Shop.WebApi.Pages.Admin.Terms;

/// <summary>A category or a tag, as the back-office lists and edits them.</summary>
public sealed record Term(int Id, string Name, string Slug, int ProductCount);

/// <summary>
/// Categories and tags have the same back-office pages (list, new, edit, delete); this maps each page
/// action to that kind's own commands and queries, so the pages are written once.
/// </summary>
public abstract class TermKind
{
    public static TermKind? Of(string? kind) => kind switch
    {
        "categories" => new CategoryKind(),
        "tags" => new TagKind(),
        _ => null,
    };

    public abstract string Route { get; }
    public abstract string Singular { get; }
    public abstract string Plural { get; }
    public abstract int NameMaxLength { get; }

    public abstract Task<PagedList<Term>> ListAsync(IMediator m, int page, CancellationToken ct);
    public abstract Task<Term> GetAsync(IMediator m, int id, CancellationToken ct);
    public abstract Task CreateAsync(IMediator m, string? name, Optional<string> slug, CancellationToken ct);
    public abstract Task UpdateAsync(IMediator m, int id, string? name, Optional<string> slug, CancellationToken ct);
    public abstract Task DeleteAsync(IMediator m, int id, CancellationToken ct);

    private sealed class CategoryKind : TermKind
    {
        public override string Route => "categories";
        public override string Singular => "category";
        public override string Plural => "Categories";
        public override int NameMaxLength => Category.NameMaxLength;

        public override async Task<PagedList<Term>> ListAsync(IMediator m, int page, CancellationToken ct)
        {
            var list = await m.Send(new ListCategories(page, 50), ct);
            return new PagedList<Term>(list.Items.Select(ToTerm).ToList(), list.Page, list.PageSize, list.TotalCount);
        }

        public override async Task<Term> GetAsync(IMediator m, int id, CancellationToken ct) => ToTerm(await m.Send(new GetCategoryById(id), ct));

        public override Task CreateAsync(IMediator m, string? name, Optional<string> slug, CancellationToken ct) =>
            m.Send(new CreateCategory { Name = name, Slug = slug }, ct);

        public override Task UpdateAsync(IMediator m, int id, string? name, Optional<string> slug, CancellationToken ct) =>
            m.Send(new UpdateCategory { Id = id, Name = new Optional<string>(name ?? ""), Slug = slug }, ct);

        public override Task DeleteAsync(IMediator m, int id, CancellationToken ct) => m.Send(new DeleteCategory(id), ct);

        private static Term ToTerm(CategoryDto c) => new(c.Id, c.Name, c.Slug, c.ProductCount);
    }

    private sealed class TagKind : TermKind
    {
        public override string Route => "tags";
        public override string Singular => "tag";
        public override string Plural => "Tags";
        public override int NameMaxLength => Tag.NameMaxLength;

        public override async Task<PagedList<Term>> ListAsync(IMediator m, int page, CancellationToken ct)
        {
            var list = await m.Send(new ListTags(page, 50), ct);
            return new PagedList<Term>(list.Items.Select(ToTerm).ToList(), list.Page, list.PageSize, list.TotalCount);
        }

        public override async Task<Term> GetAsync(IMediator m, int id, CancellationToken ct) => ToTerm(await m.Send(new GetTagById(id), ct));

        public override Task CreateAsync(IMediator m, string? name, Optional<string> slug, CancellationToken ct) =>
            m.Send(new CreateTag { Name = name, Slug = slug }, ct);

        public override Task UpdateAsync(IMediator m, int id, string? name, Optional<string> slug, CancellationToken ct) =>
            m.Send(new UpdateTag { Id = id, Name = name, Slug = slug }, ct);

        public override Task DeleteAsync(IMediator m, int id, CancellationToken ct) => m.Send(new DeleteTag(id), ct);

        private static Term ToTerm(TagDto t) => new(t.Id, t.Name, t.Slug, t.ProductCount);
    }
}
