# A standalone silo (src/SiloHost). Build context: the repository root.
# The build stage restores from NuGet and publishes Release: the normal build against real registries.
# PREBUILT (a folder inside the build context) skips that and takes an output published on the build machine
# instead: `dotnet publish src/SiloHost/SiloHost.csproj -c Release -o <folder>`, then
# `--build-arg PREBUILT=<folder>`. scripts/compose-test.sh does this because NuGet cannot be reached from inside a
# container on the test machines; leave it empty everywhere else.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG PREBUILT=
WORKDIR /src
COPY . .
RUN if [ -n "$PREBUILT" ]; then \
      test -f "$PREBUILT/Auction.SiloHost.dll" || { echo "PREBUILT=$PREBUILT holds no Auction.SiloHost.dll" >&2; exit 1; }; \
      mkdir -p /app && cp -a "$PREBUILT/." /app/; \
    else \
      dotnet publish src/SiloHost/SiloHost.csproj -c Release -o /app; \
    fi

FROM mcr.microsoft.com/dotnet/runtime:10.0
WORKDIR /app
COPY --from=build /app .
# Auction__Health__Port: the silo's own health endpoint on the container's loopback (src/SiloHost/SiloHealth.cs).
ENV Auction__Mode=cluster \
    Auction__Cluster__AdvertisedIp=auto \
    Auction__Health__Port=8080
EXPOSE 11111 30000
# Ready = this silo is Active in the cluster and the journal store answers; the image has no curl.
HEALTHCHECK --interval=10s --timeout=3s --retries=6 CMD ["dotnet", "Auction.SiloHost.dll", "--health-check", "http://127.0.0.1:8080/health/ready"]
ENTRYPOINT ["dotnet", "Auction.SiloHost.dll"]
