import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setAuthLostListener } from './api/client';
import { ApiError } from './api/errors';
import { sessionKey } from './api/session';
import { makeRouter } from './router';
import { theme } from './theme';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not get better by asking again; network blips and 5xx might.
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

const router = makeRouter(queryClient);

// A call found the session expired, locked to a password change, or with a stale CSRF token:
// re-read it (which also picks up a fresh token) and let the route guards send the user where
// they now belong.
setAuthLostListener(async (reason) => {
  if (reason === 'not_authenticated') queryClient.setQueryData(sessionKey, null);
  else await queryClient.invalidateQueries({ queryKey: sessionKey });
  await router.invalidate();
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
