# A gateway (src/Gateway) in cluster mode: an Orleans client of the silos. Build context: the repository root.
# The build stage restores from NuGet and publishes Release: the normal build against real registries.
# PREBUILT (a folder inside the build context) skips that and takes an output published on the build machine
# instead: `dotnet publish src/Gateway/Gateway.csproj -c Release -o <folder>`, then
# `--build-arg PREBUILT=<folder>`. scripts/compose-test.sh does this because NuGet cannot be reached from inside a
# container on the test machines; leave it empty everywhere else.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG PREBUILT=
WORKDIR /src
COPY . .
RUN if [ -n "$PREBUILT" ]; then \
      test -f "$PREBUILT/Auction.Gateway.dll" || { echo "PREBUILT=$PREBUILT holds no Auction.Gateway.dll" >&2; exit 1; }; \
      mkdir -p /app && cp -a "$PREBUILT/." /app/; \
    else \
      dotnet publish src/Gateway/Gateway.csproj -c Release -o /app; \
    fi

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV Auction__Mode=cluster \
    Auction__Urls=http://0.0.0.0:8080
EXPOSE 8080
# Ready = the journal store answers and the cluster has an active silo (/health/ready); the image has no curl.
HEALTHCHECK --interval=10s --timeout=3s --retries=6 CMD ["dotnet", "Auction.Gateway.dll", "--health-check", "http://127.0.0.1:8080/health/ready"]
ENTRYPOINT ["dotnet", "Auction.Gateway.dll"]
