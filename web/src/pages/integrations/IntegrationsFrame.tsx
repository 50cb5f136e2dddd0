import { IconKey, IconWebhook } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { AreaFrame } from '../../components/AreaFrame';

export const integrationsTabs = [
  { value: 'api', label: 'Kartra-compatible API', to: '/integrations', icon: IconKey },
  { value: 'webhooks', label: 'Outbound webhooks', to: '/integrations/webhooks', icon: IconWebhook },
] as const;

export type IntegrationsTab = (typeof integrationsTabs)[number]['value'];

/** The Integrations area: the inbound API (credentials, apps) and outbound webhooks. */
export function IntegrationsFrame(props: {
  tab: IntegrationsTab;
  description: ReactNode;
  children: ReactNode;
}) {
  return <AreaFrame title="Integrations" tabs={integrationsTabs} {...props} />;
}
