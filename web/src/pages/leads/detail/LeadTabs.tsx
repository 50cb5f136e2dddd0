import { Tabs } from '@mantine/core';
import { IconForms, IconHistory, IconId } from '@tabler/icons-react';
import type { LeadDetail } from '../../../api/types';
import { CustomFieldsForm } from './CustomFieldsForm';
import { LeadDetailsForm } from './LeadDetailsForm';
import { TimelineCard } from './TimelineCard';

/**
 * The lead's main column: what happened (first, it is what an owner opens a lead for), then the
 * editable fields. Panels stay mounted, so unsaved edits survive a look at the timeline.
 */
export function LeadTabs({ lead }: { lead: LeadDetail }) {
  return (
    <Tabs defaultValue="timeline" keepMounted>
      <Tabs.List mb="md">
        <Tabs.Tab value="timeline" leftSection={<IconHistory size={16} aria-hidden />}>
          Timeline
        </Tabs.Tab>
        <Tabs.Tab value="details" leftSection={<IconId size={16} aria-hidden />}>
          Details
        </Tabs.Tab>
        <Tabs.Tab value="custom" leftSection={<IconForms size={16} aria-hidden />}>
          Custom fields
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="timeline">
        <TimelineCard leadId={lead.id} />
      </Tabs.Panel>
      <Tabs.Panel value="details">
        <LeadDetailsForm key={`details-${lead.id}`} lead={lead} />
      </Tabs.Panel>
      <Tabs.Panel value="custom">
        <CustomFieldsForm key={`custom-${lead.id}`} lead={lead} />
      </Tabs.Panel>
    </Tabs>
  );
}
