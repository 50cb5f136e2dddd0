import { IconBolt, IconHistory } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { AreaFrame } from '../../components/AreaFrame';

const tabs = [
  { value: 'automations', label: 'Automations', to: '/automations', icon: IconBolt },
  { value: 'runs', label: 'Run log', to: '/automations/runs', icon: IconHistory },
] as const;

/** The Automations area: the list and the run log, one tab each. */
export function AutomationsFrame(props: {
  tab: (typeof tabs)[number]['value'];
  description: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return <AreaFrame title="Automations" tabs={tabs} {...props} />;
}
