using System.Text.Json.Serialization;
using FluentValidation;
using MediatR;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Application.Common.Models;
using Shop.Application.Products;
using Shop.Application.Tags.Queries;

namespace Shop.Application.Tags.Commands;

/// <summary>PUT: the name is replaced; the slug changes only when given.</summary>
public sealed record UpdateTag : IRequest<TagDto>
{
    [JsonIgnore] public int Id { get; init; }
    public string? Name { get; init; }
    public Optional<string> Slug { get; init; }
}

public sealed class UpdateTagValidator : AbstractValidator<UpdateTag>
{
    public UpdateTagValidator()
    {
        RuleFor(x => x.Name).TagName();
        this.AddOptionalRules(x => x.Slug);
    }
}

public sealed class UpdateTagHandler(ITagRepository tags, IUnitOfWork unitOfWork, ICatalogReadStore store, ICurrentUser user)
    : IRequestHandler<UpdateTag, TagDto>
{
    public async Task<TagDto> Handle(UpdateTag request, CancellationToken cancellationToken)
    {
        var tag = await tags.GetAsync(request.Id, cancellationToken) ?? throw new NotFoundException("Tag", request.Id);
        tag.Rename(request.Name!);
        if (request.Slug.IsSet) tag.ChangeSlug(request.Slug.Value);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return await store.TagAsync(tag.Id, user, cancellationToken);
    }
}
