/** What to do by hand when the router would not open the port itself. */
export function PortForwardingSteps({ port, addresses }: { port: number; addresses: readonly string[] }) {
  const thisComputer = addresses[0]?.replace(/:\d+$/, '') ?? 'this computer';
  return (
    <section className="forwarding-steps" aria-labelledby="forwarding-title">
      <h3 id="forwarding-title">Forward the port by hand</h3>
      <ol>
        <li>
          Open your router’s settings page (its address is usually printed on the router, often 192.168.1.1).
        </li>
        <li>Find “Port forwarding” (some routers call it “Virtual server” or “NAT rules”).</li>
        <li>
          Forward TCP port <code>{port}</code> to <code>{thisComputer}</code>, port <code>{port}</code>.
        </li>
        <li>
          Your router’s status page shows its Internet (WAN) address: friends connect to that address, port{' '}
          <code>{port}</code>.
        </li>
      </ol>
      <p className="muted">
        If that address starts with 10., 100.64–127., 172.16–31. or 192.168., your provider shares it with
        others and no forwarding will let people in: ask the provider for a public address.
      </p>
    </section>
  );
}
