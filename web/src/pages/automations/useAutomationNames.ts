import { useMemo } from 'react';
import { useMemberships } from '../../api/memberships';
import { useLists, useTags } from '../../api/taxonomy';
import { type AutomationNames, namesOf } from '../../lib/automationText';

/** Tags, lists and memberships by id, so triggers and steps read as words. */
export function useAutomationNames(): AutomationNames {
  const tags = useTags();
  const lists = useLists();
  const memberships = useMemberships();
  return useMemo(
    () => namesOf(tags.data, lists.data, memberships.data),
    [tags.data, lists.data, memberships.data],
  );
}
