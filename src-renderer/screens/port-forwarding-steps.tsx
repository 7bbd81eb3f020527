import { t } from '../i18n/intl';
import { tx } from '../i18n/rich';

/** What to do by hand when the router would not open the port itself. */
export function PortForwardingSteps({ port, addresses }: { port: number; addresses: readonly string[] }) {
  const thisComputer = addresses[0]?.replace(/:\d+$/, '') ?? t('screens.forwarding.thisComputer');
  return (
    <section className="forwarding-steps" aria-labelledby="forwarding-title">
      <h3 id="forwarding-title">{t('screens.forwarding.title')}</h3>
      <ol>
        <li>{t('screens.forwarding.step1')}</li>
        <li>{t('screens.forwarding.step2')}</li>
        <li>
          {tx('screens.forwarding.step3', {
            port: <code>{port}</code>,
            computer: <code>{thisComputer}</code>,
          })}
        </li>
        <li>{tx('screens.forwarding.step4', { port: <code>{port}</code> })}</li>
      </ol>
      <p className="muted">{t('screens.forwarding.cgnat')}</p>
    </section>
  );
}
