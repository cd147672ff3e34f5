# The silo image: built from source in an SDK stage, run as a non-root user on the ASP.NET runtime.
# docker build -t ticketcluster/silo:dev .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY src/ src/
RUN dotnet publish src/TicketCluster.Silo/TicketCluster.Silo.csproj -c Release -o /app --no-self-contained

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .
# The image's built-in non-root user (uid 1654); the root file system can be mounted read-only.
USER $APP_UID
ENV ASPNETCORE_URLS=http://+:5080 \
    DOTNET_gcServer=1 \
    TICKETCLUSTER__DATADIRECTORY=/tmp/ticketcluster
EXPOSE 5080
ENTRYPOINT ["dotnet", "TicketCluster.Silo.dll"]
