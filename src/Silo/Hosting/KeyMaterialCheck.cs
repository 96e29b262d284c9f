using Auction.Silo.Records;
using Auction.Silo.Sealing;
using Microsoft.Extensions.DependencyInjection;

namespace Auction.Silo.Hosting;

/// <summary>
/// Loads the checkpoint signing key and the sealing key before anything else starts, so a silo with a missing or
/// wrong key refuses to start with the message of <see cref="KeyConfigurationException"/> (and the embedded default
/// generates its key files at start, not at the first publication).
/// </summary>
public sealed class KeyMaterialCheck(IServiceProvider services) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(KeyMaterialCheck), ServiceLifecycleStage.First, _ =>
        {
            services.GetRequiredService<CheckpointSigner>();
            services.GetRequiredService<Sealer>();
            return Task.CompletedTask;
        });
}
