# Stand-in for mcr.microsoft.com/dotnet/sdk:10.0 (scripts/compose-test.sh only): the aspnet stand-in plus the
# machine's whole .NET SDK. It cannot restore from NuGet inside a container here (no trusted route), so the
# test builds with PREBUILT (see deploy/*.Dockerfile); the SDK is here so the image is what its name says.
ARG BASE
FROM ${BASE}
COPY dotnet/ /usr/share/dotnet/
ARG SDK_VERSION
ENV DOTNET_SDK_VERSION=${SDK_VERSION} \
    DOTNET_NOLOGO=true \
    DOTNET_CLI_TELEMETRY_OPTOUT=true \
    DOTNET_GENERATE_ASPNET_CERTIFICATE=false \
    NUGET_XMLDOC_MODE=skip
