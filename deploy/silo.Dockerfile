# A standalone silo (src/SiloHost). Build context: the repository root.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/SiloHost/SiloHost.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/runtime:10.0
WORKDIR /app
COPY --from=build /app .
ENV Auction__Mode=cluster \
    Auction__Cluster__AdvertisedIp=auto
EXPOSE 11111 30000
ENTRYPOINT ["dotnet", "Auction.SiloHost.dll"]
