import { Badge, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useUpdateAccount } from '../../api/account';
import { useAccount } from '../../api/session';
import { FormAlert } from '../../components/FormAlert';
import { applyServerError } from '../../lib/serverErrors';
import { SectionCard } from './SectionCard';

/** Support asks this question before touching the account; the answer is stored hashed, never shown. */
export function SecurityQuestionSection() {
  const account = useAccount();
  const update = useUpdateAccount();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { security_question: account.security_question ?? '', security_answer: '', password: '' },
    validate: {
      security_question: (v) => (v.trim() ? null : 'Write a question only you can answer'),
      security_answer: (v) => (v.trim() ? null : 'Enter the answer'),
      password: (v) => (v ? null : 'Enter your password to confirm'),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      const saved = await update.mutateAsync({
        security_question: values.security_question.trim(),
        security_answer: values.security_answer.trim(),
        password: values.password,
      });
      form.setValues({ security_question: saved.security_question ?? '', security_answer: '', password: '' });
      notifications.show({
        color: 'teal',
        title: 'Security question saved',
        message: 'Support will ask it to verify you.',
      });
    } catch (e) {
      setFormError(applyServerError(form, e, { invalid_password: 'password' }));
    }
  });

  return (
    <SectionCard
      title="Security question"
      description={
        <Group gap="xs" component="span">
          Support asks it to make sure they're talking to you.
          {account.has_security_answer ? (
            <Badge color="teal" variant="light">
              Answer set
            </Badge>
          ) : (
            <Badge color="yellow" variant="light">
              Not set
            </Badge>
          )}
        </Group>
      }
    >
      <form onSubmit={submit} noValidate aria-label="Security question">
        <Stack gap="md">
          <TextInput
            label="Question"
            placeholder="e.g. The street I grew up on"
            required
            key={form.key('security_question')}
            {...form.getInputProps('security_question')}
          />
          <TextInput
            label="Answer"
            autoComplete="off"
            required
            key={form.key('security_answer')}
            {...form.getInputProps('security_answer')}
          />
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            required
            key={form.key('password')}
            {...form.getInputProps('password')}
          />
          <FormAlert message={formError} />
          <Group justify="flex-end">
            <Button type="submit" variant="light" loading={update.isPending}>
              Save security question
            </Button>
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}
