/**
 * Sentence pools for demo ticket descriptions, resolutions and timeline entries. Descriptions
 * mix one-liners (most phone and portal tickets) with long, structured reports (the ones that
 * stress list rendering, search and the detail view).
 */
import type { ResolutionCode } from '../domain/status';
import { pick, type Random } from './random';

/** Which pool family a kind draws its prose from. */
export type TextFamily = 'incident' | 'request' | 'question' | 'work';

const SHORT: Readonly<Record<TextFamily, readonly string[]>> = {
  incident: [
    'Reported by phone.',
    'Started after this morning’s update.',
    'Happens on and off since yesterday.',
    'Urgent: client demo at 2 pm.',
    'Affects me and two colleagues.',
    'Same as last week, it came back.',
    'Restarted twice, no change.',
  ],
  request: [
    'Approved by my manager.',
    'Needed by the end of next week, please.',
    'Cost centre 4100.',
    'Please use the standard build.',
    'See the attached form.',
  ],
  question: ['Thanks in advance!', 'Asked by a new starter.', 'Could not find it in the knowledge base.'],
  work: [
    'See the linked tickets for background.',
    'Planned during the next maintenance window.',
    'Owner to confirm scope.',
  ],
};

const OPENINGS: Readonly<Record<TextFamily, readonly string[]>> = {
  incident: [
    'Since {when}, this has been happening several times a day.',
    'First reported {when} and it keeps coming back.',
    'I noticed this {when} and it is getting worse.',
    'This started {when}, right after the laptop installed updates.',
  ],
  request: [
    'Please arrange this for {person}, who starts in the {site} team on Monday.',
    'Following the team meeting {when}, we need this set up.',
    'This was agreed with my manager {when}; approval is attached.',
  ],
  question: [
    'I have looked through the knowledge base but could not find an answer.',
    'A colleague told me to ask here.',
    'Quick question that came up {when}.',
  ],
  work: [
    'Raised to track the follow-up work discussed {when}.',
    'Scope agreed at the CAB meeting {when}.',
    'Several related incidents were logged recently; this groups the work.',
  ],
};

const DETAILS: readonly string[] = [
  'I have already restarted the device twice.',
  'Other people nearby have the same problem.',
  'It only happens when connected through the docking station.',
  'It works fine from home but not in the office.',
  'The error message says: “{error}”.',
  'Signing out and back in helps for about an hour.',
  'I tried the steps in the knowledge article without success.',
  'Nothing was changed on my side as far as I know.',
];

const IMPACTS: readonly string[] = [
  'I cannot work on the month-end figures until this is fixed.',
  'Not urgent, I can use a colleague’s machine for now.',
  'The whole team is blocked.',
  'We have a customer deadline on Friday.',
  'It is an annoyance more than a blocker.',
];

const WHEN = ['this morning', 'yesterday afternoon', 'last Monday', 'last Friday', 'earlier today'];

export const ERRORS: readonly string[] = [
  '0x80070005: Access is denied.',
  'The trust relationship between this workstation and the primary domain failed.',
  'ERR_CONNECTION_TIMED_OUT',
  'Your session has expired. Please sign in again.',
  'GlobalProtect: Gateway not responding',
  'Error 502: Bad Gateway',
  'Paper jam in tray 2 (13.B2.D2)',
  'AADSTS50076: you must use multi-factor authentication to access this resource.',
];

const TRIED: readonly string[] = [
  'Restarted the laptop',
  'Reconnected to the Wi-Fi',
  'Cleared the browser cache',
  'Tried another user account',
  'Swapped the cable',
  'Ran Windows Update',
];

export interface TextContext {
  requester: string;
  person: string;
  site: string;
  device: string;
}

/** Fills {when}, {requester}, {person}, {site} and {error}; unknown keys are left as they are. */
export function fill(random: Random, text: string, ctx: TextContext): string {
  if (!text.includes('{')) return text;
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => {
    switch (key) {
      case 'when':
        return pick(random, WHEN);
      case 'requester':
        return ctx.requester;
      case 'person':
        return ctx.person;
      case 'site':
        return ctx.site;
      case 'error':
        return pick(random, ERRORS);
      default:
        return whole;
    }
  });
}

/** About 55% one-liners, 35% short paragraphs, 10% multi-paragraph reports. */
export function describe(random: Random, family: TextFamily, ctx: TextContext): string {
  const roll = random();
  if (roll < 0.55) return pick(random, SHORT[family]);
  const opening = fill(random, pick(random, OPENINGS[family]), ctx);
  const detail = fill(random, pick(random, DETAILS), ctx);
  if (roll < 0.9) return `${opening} ${detail} ${pick(random, IMPACTS)}`;
  const first = ctx.requester.split(' ')[0] ?? ctx.requester;
  const tried = [pick(random, TRIED), pick(random, TRIED)].filter((item, i, all) => all.indexOf(item) === i);
  return [
    'Hello,',
    `${opening} ${detail}`,
    'Steps to reproduce:\n1. Sign in as usual.\n2. Open the application or connect the device.\n3. Wait a few minutes.',
    `Error shown:\n\n\`\`\`\n${pick(random, ERRORS)}\n\`\`\``,
    `Environment:\n- Device: ${ctx.device}\n- Location: ${ctx.site}\n- Network: ${random() < 0.5 ? 'office Wi-Fi' : 'home broadband'}`,
    `Already tried:\n${tried.map((item) => `- ${item}`).join('\n')}`,
    `${pick(random, IMPACTS)}`,
    `Thanks,\n${first}`,
  ].join('\n\n');
}

export const RESOLUTION_NOTES: Readonly<Record<ResolutionCode, readonly string[]>> = {
  solved: [
    'Replaced the faulty part; tested with the user, working again.',
    'Updated the driver and firmware; the issue no longer reproduces.',
    'Cleared the cached credentials and rebuilt the Outlook profile.',
    'Reset the account and re-enrolled MFA with the user.',
    'Freed disk space and added a monitoring alert at 85%.',
    'Reseated the cable at the patch panel; link stable for 24 hours.',
  ],
  workaround: [
    'Provided a loan laptop while the repair is pending.',
    'User works on a cable for now; the Wi-Fi fix is tracked in the linked problem.',
    'Restarted the service; root cause analysis continues in a problem record.',
  ],
  fulfilled: [
    'Delivered and confirmed by the requester.',
    'Access granted after approval; the user confirmed it works.',
    'Device built, enrolled and handed over in person.',
    'Installed from Company Portal and licence assigned.',
  ],
  answered: [
    'Answered by email with step-by-step instructions.',
    'Explained the process and linked the knowledge article.',
    'Answered on the phone; the requester confirmed it is clear.',
  ],
  duplicate: ['Duplicate of a ticket reported by a colleague; linked and closed.'],
  not_reproducible: ['Could not reproduce after several tests with the user; reopen if it happens again.'],
  user_error: ['Walked the user through the correct steps and shared the knowledge article.'],
  resolved_by_change: ['Fixed by the scheduled change deployed at the weekend.'],
  resolved_by_problem: ['Permanent fix delivered through the related problem record.'],
  rejected: [
    'Rejected by the approver: not covered by the current budget.',
    'Rejected: conflicts with the security policy.',
  ],
  cancelled: ['Cancelled at the requester’s request; no longer needed.'],
  fixed: [
    'Root cause found in the driver; vendor fix rolled out to every affected device.',
    'Configuration drift corrected and a baseline enforced by policy.',
  ],
  successful: ['Implemented in the window as planned; post-checks passed.'],
  successful_with_issues: ['Implemented; one site needed a manual restart, documented in the review.'],
  unsuccessful: ['Implementation failed the post-checks; the change will be replanned.'],
  rolled_back: ['Rolled back after the smoke test failed; service restored from the back-out plan.'],
  released: ['Deployed to production; release notes published.'],
  completed: ['All deliverables accepted by the sponsor.', 'Done and verified.'],
};

/** Relative frequency of each code where the kind allows it (see resolutionCodesFor). */
export const RESOLUTION_WEIGHTS: Readonly<Record<ResolutionCode, number>> = {
  solved: 55,
  workaround: 15,
  fulfilled: 85,
  answered: 88,
  duplicate: 5,
  not_reproducible: 7,
  user_error: 10,
  resolved_by_change: 3,
  resolved_by_problem: 2,
  rejected: 5,
  cancelled: 4,
  fixed: 70,
  successful: 80,
  successful_with_issues: 10,
  unsuccessful: 4,
  rolled_back: 6,
  released: 90,
  completed: 90,
};

export const COMMENTS_FROM_REQUESTER = [
  'Any update on this? It is still happening.',
  'Thanks, that worked!',
  'I will be in the office tomorrow if you need the device.',
  'Could you give me a call on my mobile?',
  'We tried the steps in the article, no change.',
  'Please could you also check the docking station?',
];

export const COMMENTS_FROM_AGENT = [
  'I have ordered the replacement part; delivery is expected in two days.',
  'Could you send a screenshot of the error?',
  'I will come to your desk at 2 pm.',
  'Please restart and let me know if it happens again.',
  'Thanks for the details, looking into it now.',
];

export const NOTES = [
  'Checked the event logs, nothing obvious.',
  'Vendor case opened, reference in the attachment.',
  'Looks like the same issue as last month; see the related problem.',
  'Waiting for approval from the budget holder.',
  'Escalated to second line with the diagnostics.',
];

export const WORKLOGS = [
  'Remote session with the user.',
  'Diagnostics and driver update.',
  'Replaced the part on site.',
  'Travelled to site and fixed on the spot.',
  'Configuration and testing.',
];
