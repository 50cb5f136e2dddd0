import { Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ChangePasswordForm } from '../../components/ChangePasswordForm';
import { EmailSection } from './EmailSection';
import { SectionCard } from './SectionCard';
import { SecurityQuestionSection } from './SecurityQuestionSection';
import { SupportCodeSection } from './SupportCodeSection';

export function SecurityTab() {
  return (
    <Stack gap="lg">
      <SectionCard title="Password" description="Use a long password you don't use anywhere else.">
        <ChangePasswordForm
          onChanged={() =>
            notifications.show({
              color: 'teal',
              title: 'Password changed',
              message: 'Your new password is set.',
            })
          }
        />
      </SectionCard>
      <EmailSection />
      <SecurityQuestionSection />
      <SupportCodeSection />
    </Stack>
  );
}
