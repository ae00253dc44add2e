using FluentValidation;
using MediatR;
using Shop.Application.Common;
using Shop.Application.Common.Interfaces;
using Shop.Application.Common.Models;
using Shop.Application.Products;
using Shop.Domain.Tags;

namespace Shop.Application.Tags.Commands;

public sealed record CreateTag : IRequest<TagDto>
{
    public string? Name { get; init; }
    public Optional<string> Slug { get; init; }
}

public sealed class CreateTagValidator : AbstractValidator<CreateTag>
{
    public CreateTagValidator()
    {
        RuleFor(x => x.Name).TagName();
        this.AddOptionalRules(x => x.Slug);
    }
}

public sealed class CreateTagHandler(ITagRepository tags, IUnitOfWork unitOfWork) : IRequestHandler<CreateTag, TagDto>
{
    public async Task<TagDto> Handle(CreateTag request, CancellationToken cancellationToken)
    {
        var slug = request.Slug.IsSet ? request.Slug.Value : await AutoSlugAsync(request.Name!, cancellationToken);
        var tag = Tag.Create(request.Name!, slug);
        tags.Add(tag);
        await UniqueSlug.SaveChoosingAgainOnClashAsync(request.Slug.IsSet, unitOfWork.SaveChangesAsync,
            async (skip, ct) => tag.ChangeSlug(await AutoSlugAsync(request.Name!, ct, skip)), cancellationToken);
        return new TagDto(tag.Id, tag.Name, tag.Slug, 0);
    }

    private Task<string> AutoSlugAsync(string name, CancellationToken ct, int skipFree = 0) =>
        UniqueSlug.ForNameAsync(name, "tag", tags.SlugsLikeAsync, ct, skipFree);
}
