# The shop's container image: built with the SDK, run on the ASP.NET Core runtime as a non-root user.
#   docker build --build-arg DOTNET_IMAGES=<registry>/dotnet -t shop .   (compose.yaml passes it from .env)
# DOTNET_IMAGES is where Microsoft's .NET images are pulled from (their public registry or your mirror of it); the
# project names no registry itself.
ARG DOTNET_IMAGES

FROM ${DOTNET_IMAGES}/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files and lock files only, so a code change does not re-download packages.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Domain/Shop.Domain.csproj src/Domain/packages.lock.json src/Domain/
COPY src/Application/Shop.Application.csproj src/Application/packages.lock.json src/Application/
COPY src/Infrastructure/Shop.Infrastructure.csproj src/Infrastructure/packages.lock.json src/Infrastructure/
COPY src/WebApi/Shop.WebApi.csproj src/WebApi/packages.lock.json src/WebApi/
RUN dotnet restore src/WebApi/Shop.WebApi.csproj --locked-mode
COPY src/ src/
RUN dotnet publish src/WebApi/Shop.WebApi.csproj -c Release -o /app --no-restore

FROM ${DOTNET_IMAGES}/aspnet:10.0 AS runtime
WORKDIR /app
# The data folder belongs to the image's non-root user (app, UID 1654). A named volume mounted there starts as a copy
# of it, owner included, so the app can write its media (and a SQLite file when no DATABASE_URL is given).
RUN mkdir -p /var/lib/shop/media && chown -R app:app /var/lib/shop
COPY --from=build /app ./
COPY --chmod=755 docker/entrypoint.sh /usr/local/bin/shop-entrypoint
ENV PORT=8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DATABASE_URL=sqlite:////var/lib/shop/shop.db \
    Media__Root=/var/lib/shop/media
EXPOSE 8080
USER app
# The runtime image has no curl or wget: the app answers its own probe (the healthcheck verb asks /healthz).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["dotnet", "/app/Shop.WebApi.dll", "healthcheck"]
ENTRYPOINT ["shop-entrypoint"]
