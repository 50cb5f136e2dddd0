import { ActionIcon, Button, Fieldset, Group, Select, Stack, Text, Tooltip } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import type { StepType } from '../../../api/types';
import { STEP_LABELS } from '../../../lib/automationText';
import { type AutomationValues, blankStep } from './automationForm';
import { StepFields } from './StepFields';

const option = (value: StepType) => ({ value, label: STEP_LABELS[value] });

const STEP_OPTIONS = [
  { group: 'Access', items: [option('grant_membership'), option('revoke_membership')] },
  {
    group: 'Tags and lists',
    items: [option('apply_tag'), option('remove_tag'), option('subscribe_list'), option('unsubscribe_list')],
  },
  { group: 'Mail and timing', items: [option('send_email'), option('wait')] },
  { group: 'Other tools', items: [option('webhook')] },
];

const MAX_STEPS = 50;

/** "Then…": the steps in order, each with its own inputs; add, move and remove them. */
export function StepsEditor({ form }: { form: UseFormReturnType<AutomationValues> }) {
  const steps = form.getValues().steps;
  const stepsError = form.errors.steps;
  // Errors are keyed by position: once steps move, they would sit on the wrong step.
  const move = (from: number, to: number) => {
    form.clearErrors();
    form.reorderListItem('steps', { from, to });
  };
  return (
    <Stack gap="sm">
      {steps.map((step, i) => {
        const n = i + 1;
        return (
          <Fieldset
            key={step.key}
            legend={`Step ${n}`}
            variant="filled"
            styles={{ legend: { fontWeight: 600 } }}
          >
            <Stack gap="sm">
              <Group gap="xs" align="flex-end" wrap="wrap">
                <Select
                  label="Action"
                  data={STEP_OPTIONS}
                  allowDeselect={false}
                  style={{ flex: '1 1 240px' }}
                  {...form.getInputProps(`steps.${i}.type`)}
                />
                <Group gap={2} wrap="nowrap" mb={4}>
                  <Tooltip label="Move up" withArrow>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={`Move step ${n} up`}
                      disabled={i === 0}
                      onClick={() => move(i, i - 1)}
                    >
                      <IconArrowUp size={18} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label="Move down" withArrow>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={`Move step ${n} down`}
                      disabled={i === steps.length - 1}
                      onClick={() => move(i, i + 1)}
                    >
                      <IconArrowDown size={18} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label="Remove step" withArrow>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove step ${n}`}
                      disabled={steps.length === 1}
                      onClick={() => {
                        form.clearErrors();
                        form.removeListItem('steps', i);
                      }}
                    >
                      <IconTrash size={18} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              </Group>
              <StepFields form={form} index={i} />
            </Stack>
          </Fieldset>
        );
      })}
      {stepsError && (
        <Text c="red" fz="sm" role="alert">
          {stepsError}
        </Text>
      )}
      <Group>
        <Button
          variant="light"
          leftSection={<IconPlus size={16} aria-hidden />}
          disabled={steps.length >= MAX_STEPS}
          onClick={() => form.insertListItem('steps', blankStep('apply_tag'))}
        >
          Add step
        </Button>
      </Group>
    </Stack>
  );
}
