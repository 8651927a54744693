/**
 * Ticket title templates per kind: [title, category, owning group]. Placeholders are filled by
 * the generator, and CI placeholders ({laptop}, {printer}, {app}...) also link that CI to the
 * ticket, so the CMDB views of the demo show real history.
 */
import type { TicketKind } from '../domain/model';
import type { Category, GroupKey } from './catalog';

export type TicketTemplate = readonly [title: string, category: Category, group: GroupKey];

const INCIDENTS: readonly TicketTemplate[] = [
  ['VPN drops every 10 minutes on {laptop}', 'Network & Connectivity', 'network'],
  ['Printer {printer} jams on tray 2', 'Printing', 'field'],
  ['Cannot log in to {app} since this morning', 'Business Applications', 'apps'],
  ['Laptop {laptop} will not boot past the logo', 'Hardware', 'field'],
  ['Outlook keeps asking for my password', 'Email & Collaboration', 'desk'],
  ['Wi-Fi unavailable in the {site} meeting rooms', 'Network & Connectivity', 'network'],
  ['{server} disk C: almost full (95%)', 'Infrastructure', 'server'],
  ['{server} not responding to ping', 'Infrastructure', 'server'],
  ['Blue screen on {desktop} when waking from sleep', 'Hardware', 'field'],
  ['{app} very slow for the whole team', 'Business Applications', 'apps'],
  ['Teams calls drop after about two minutes', 'Email & Collaboration', 'apps'],
  ['Account locked out after password change', 'Accounts & Access', 'desk'],
  ['MFA prompt never arrives on my phone', 'Accounts & Access', 'desk'],
  ['Shared drive S: not mapped after restart', 'Infrastructure', 'desk'],
  ['Suspicious email with an invoice attachment', 'Security', 'security'],
  ['Screen flickering on {laptop}', 'Hardware', 'field'],
  ['Several keys stuck on the keyboard of {laptop}', 'Hardware', 'field'],
  ['{mobile} no longer syncs email', 'Mobile Devices', 'desk'],
  ['Cannot print to {printer} from a Mac', 'Printing', 'desk'],
  ['Scanner on {printer} sends blank pages', 'Printing', 'field'],
  ['Access point {ap} offline', 'Network & Connectivity', 'network'],
  ['Company website returns 502 Bad Gateway', 'Business Applications', 'apps'],
  ['Month-end report in {app} fails with a timeout', 'Business Applications', 'apps'],
  ['Nightly backup job failed on {server}', 'Infrastructure', 'server'],
  ['Certificate warning when opening the intranet', 'Security', 'security'],
  ['Docking station not detecting monitors at {site}', 'Hardware', 'field'],
  ['{app} crashes when opening large files', 'Software', 'apps'],
  ['Battery lasts less than two hours on {laptop}', 'Hardware', 'field'],
  ['No dial tone on desk phones in {site}', 'General', 'field'],
  ['Very slow Wi-Fi in the {site} canteen', 'Network & Connectivity', 'network'],
  ['Cannot open attachments in Outlook on {desktop}', 'Email & Collaboration', 'desk'],
  ['Login loop on {laptop} after Windows update', 'Hardware', 'desk'],
];

const REQUESTS: readonly TicketTemplate[] = [
  ['New starter laptop for {person}', 'Onboarding & Offboarding', 'field'],
  ['Leaver: disable account and collect devices of {person}', 'Onboarding & Offboarding', 'desk'],
  ['Access to {app} for {person}', 'Accounts & Access', 'apps'],
  ['Install Adobe Acrobat Pro on {laptop}', 'Software', 'desk'],
  ['Second monitor for {person}', 'Hardware', 'field'],
  ['Replacement charger for {laptop}', 'Hardware', 'field'],
  ['New mobile phone for {person}', 'Mobile Devices', 'field'],
  ['Add {person} to the Finance shared mailbox', 'Email & Collaboration', 'desk'],
  ['Create a distribution list for the {site} team', 'Email & Collaboration', 'desk'],
  ['Firewall rule for vendor access to {server}', 'Security', 'network'],
  ['Increase mailbox quota for {person}', 'Email & Collaboration', 'desk'],
  ['Guest Wi-Fi codes for visitors at {site}', 'Network & Connectivity', 'desk'],
  ['VPN access for contractor {person}', 'Accounts & Access', 'network'],
  ['Wireless headset for {person}', 'Hardware', 'field'],
  ['Restore a deleted folder from the S: drive', 'Infrastructure', 'server'],
  ['Temporary admin rights on {laptop} for a software trial', 'Security', 'security'],
  ['Move desk equipment of {person} to {site}', 'Hardware', 'field'],
  ['Jira Software licence for {person}', 'Software', 'apps'],
];

const QUESTIONS: readonly TicketTemplate[] = [
  ['How do I share my calendar with an assistant?', 'Email & Collaboration', 'desk'],
  ['Where do I find my payslip in Workday?', 'Business Applications', 'desk'],
  ['Can I use my personal phone for work email?', 'Mobile Devices', 'desk'],
  ['How do I set an out-of-office reply?', 'Email & Collaboration', 'desk'],
  ['Is there a size limit for email attachments?', 'Email & Collaboration', 'desk'],
  ['How do I connect to the VPN from a hotel?', 'Network & Connectivity', 'desk'],
  ['Which printer at {site} can print A3?', 'Printing', 'desk'],
  ['How do I recover a previous version of a file?', 'Infrastructure', 'desk'],
  ['Who approves access to {app}?', 'Accounts & Access', 'desk'],
  ['How do I present on the meeting room display?', 'General', 'desk'],
  ['Am I allowed to install Python on my laptop?', 'Software', 'desk'],
];

/** Kinds generated one by one; the process kinds come in families (process-templates.ts). */
export type PlainKind = Extract<TicketKind, 'incident' | 'request' | 'question'>;

export const TEMPLATES: Readonly<Record<PlainKind, readonly TicketTemplate[]>> = {
  incident: INCIDENTS,
  request: REQUESTS,
  question: QUESTIONS,
};

export const TAGS = [
  'vip',
  'remote-worker',
  'onboarding',
  'outage',
  'security',
  'hardware-refresh',
  'follow-up',
  'escalated',
  'audit',
  'training',
] as const;
