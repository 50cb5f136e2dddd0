import { IconForms, IconList, IconTags, IconUsers } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { AreaFrame } from '../../components/AreaFrame';

export const leadsTabs = [
  { value: 'leads', label: 'All leads', to: '/leads', icon: IconUsers },
  { value: 'tags', label: 'Tags', to: '/leads/tags', icon: IconTags },
  { value: 'lists', label: 'Lists', to: '/leads/lists', icon: IconList },
  { value: 'fields', label: 'Custom fields', to: '/leads/fields', icon: IconForms },
] as const;

export type LeadsTab = (typeof leadsTabs)[number]['value'];

/** The Leads area: all leads, tags, lists and custom fields, one tab each. */
export function LeadsFrame(props: {
  tab: LeadsTab;
  description: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return <AreaFrame title="Leads" tabs={leadsTabs} {...props} />;
}
