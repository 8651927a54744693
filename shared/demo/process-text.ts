/**
 * Wording for the demo's process records: change plans, CAB comments, reasons to cancel, and
 * what customers say in satisfaction surveys. `{ci}` is the first item a change touches.
 */
import type { PlanStyle } from './process-templates';

export interface PlanText {
  implementation: string;
  backout: string;
  test: string;
}

export const PLANS: Readonly<Record<PlanStyle, PlanText>> = {
  patch: {
    implementation:
      '1. Announce the window to the service desk and the affected teams.\n' +
      '2. Take a snapshot of {ci}.\n' +
      '3. Apply the updates and restart.\n' +
      '4. Check the services, the event log and the monitoring dashboard.',
    backout: 'Revert {ci} to the snapshot from step 2 and restart the services (about 20 minutes).',
    test: 'Sign in to the services on {ci}, run the monitoring checks and ask a key user to confirm.',
  },
  replace: {
    implementation:
      '1. Stage and pre-configure the new hardware in the lab.\n' +
      '2. Export the configuration of {ci}.\n' +
      '3. Swap the hardware in the window and import the configuration.\n' +
      '4. Verify connectivity and monitoring, then update the CMDB.',
    backout: 'Put the old hardware back in place with its saved configuration; keep it racked for a week.',
    test: 'Ping and trace from each site, check the monitoring alarms are clear, test remote access.',
  },
  config: {
    implementation:
      '1. Export the current settings of {ci}.\n' +
      '2. Apply the new settings from the reviewed script.\n' +
      '3. Watch the sign-in and error logs for 30 minutes.',
    backout: 'Re-import the exported settings; the script is idempotent and takes five minutes.',
    test: 'Two pilot users from different sites sign in and run their usual tasks.',
  },
  deploy: {
    implementation:
      '1. Freeze changes to {ci} and announce the window.\n' +
      '2. Deploy the build from the release pipeline.\n' +
      '3. Run the smoke tests and the data checks.\n' +
      '4. Hand over to the key users for acceptance.',
    backout:
      'Redeploy the previous build from the pipeline and restore the database backup taken before step 2.',
    test: 'Automated smoke tests, then a one-hour acceptance session with two key users.',
  },
  migrate: {
    implementation:
      '1. Run the final delta copy from {ci}.\n' +
      '2. Set the old location to read-only.\n' +
      '3. Switch users over and publish the new links.\n' +
      '4. Keep the old location for 30 days before deleting it.',
    backout: 'Set the old location back to read-write and republish the old links.',
    test: 'Compare file counts and permissions on a sample of folders; three users open their files.',
  },
};

export const APPROVE_COMMENTS = [
  '',
  '',
  '',
  'Fine by me.',
  'Approved; brief the service desk before the window.',
  'OK outside business hours.',
  'Approved. Keep the back-out window short.',
];

export const REJECT_COMMENTS = [
  'Not during the month-end close; please move the window.',
  'The back-out plan has not been tested; resubmit once it has.',
  'Clashes with the network maintenance that weekend.',
];

export const CANCEL_REASONS = [
  'Superseded by the vendor’s upgrade path.',
  'No longer needed after the project was re-scoped.',
  'Rejected by the CAB; the business prefers to wait for the next quarter.',
  'Duplicate of another change raised for the same work.',
];

/** Survey comments by score; an empty string means no comment. */
export const SURVEY_COMMENTS: Readonly<Record<1 | 2 | 3 | 4 | 5, readonly string[]>> = {
  5: [
    '',
    '',
    'Quick and friendly, thank you!',
    'Sorted within the hour, great service.',
    'Clear explanation, thanks.',
  ],
  4: ['', '', 'Fixed, thanks. Took a day longer than I hoped.', 'Good, the knowledge article helped too.'],
  3: ['Fixed in the end, but it took a few reminders.', 'OK, though I had to explain the issue twice.'],
  2: [
    'Nobody told me the ticket was waiting on me.',
    'Closed before I could check that it works; it came back the next day.',
  ],
  1: [
    'Took far too long; I was without my laptop for two days.',
    'Three different people asked me the same questions.',
  ],
};

/** Prefix when an agent records what the customer said on the phone. */
export const SURVEY_BY_PHONE = 'Feedback given on the phone: ';
