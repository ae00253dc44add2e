using System.Text;
using FluentValidation;
using MediatR;
using Shop.Application.Common.Exceptions;
using Shop.Application.Common.Interfaces;
using Shop.Domain.Imports;
using ValidationException = Shop.Application.Common.Exceptions.ValidationException;

namespace Shop.Application.Imports.Commands;

/// <summary>
/// Queues an import of a CSV file (the <c>import-products</c> format): the file is stored with the job, so the job runs
/// on whichever instance's worker claims it and survives a restart. The answer is the queued job.
/// </summary>
public sealed record StartImport(string? FileName, Stream? Content) : IRequest<ImportJobDto>
{
    /// <summary>The largest file accepted: about 300,000 rows of the export format.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    public const int MaxMiB = (int)(MaxBytes / 1024 / 1024);
}

public sealed class StartImportValidator : AbstractValidator<StartImport>
{
    public StartImportValidator() =>
        RuleFor(x => x.Content).NotNull().WithMessage("Send the CSV file as the multipart part 'file'.").OverridePropertyName("file");
}

public sealed class StartImportHandler(IImportJobStore jobs, TimeProvider clock) : IRequestHandler<StartImport, ImportJobDto>
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async Task<ImportJobDto> Handle(StartImport request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Content!.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > StartImport.MaxBytes) throw new PayloadTooLargeException(StartImport.MaxBytes);
            buffer.Write(chunk, 0, read);
        }
        var bytes = buffer.ToArray();
        if (bytes.Length == 0) throw new ValidationException("file", "The file is empty.");
        // A CSV is text: a file that is not UTF-8, or holds NUL bytes, is some other kind of file.
        try
        {
            if (StrictUtf8.GetString(bytes).Contains('\0')) throw new UnsupportedMediaTypeException("The file is not a UTF-8 CSV text file.");
        }
        catch (DecoderFallbackException)
        {
            throw new UnsupportedMediaTypeException("The file is not a UTF-8 CSV text file.");
        }
        var job = await jobs.QueueAsync(ImportJob.Queue(request.FileName ?? "", clock.GetUtcNow().UtcDateTime), bytes, cancellationToken);
        return ImportJobDto.From(job);
    }
}
