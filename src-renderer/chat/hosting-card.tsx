import type { HostStatus } from '../../src-shared/ipc';
import { HostAddresses } from '../ui/host-addresses';

/** While this computer hosts the room: where friends reach it, and the way to stop it. */
export function HostingCard({ host }: { host: HostStatus }) {
  return (
    <section className="hosting-card" aria-labelledby="hosting-card-title">
      <h2 id="hosting-card-title" className="section-title">
        <span className="dot online" aria-hidden="true" /> Hosting on port {host.port}
      </h2>
      <HostAddresses addresses={host.addresses} />
      <button type="button" className="button small secondary" onClick={() => window.hearth.stopHost()}>
        Stop hosting
      </button>
    </section>
  );
}
