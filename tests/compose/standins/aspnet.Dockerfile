# Stand-in for mcr.microsoft.com/dotnet/aspnet:10.0 (scripts/compose-test.sh only): the runtime stand-in plus the
# ASP.NET Core shared framework copied from the machine's dotnet folder. Like the real image it listens on 8080 by
# default (ASPNETCORE_HTTP_PORTS) and has no curl.
ARG BASE
FROM ${BASE}
COPY dotnet/ /usr/share/dotnet/
ARG ASPNET_VERSION
ENV ASPNET_VERSION=${ASPNET_VERSION} \
    ASPNETCORE_HTTP_PORTS=8080
