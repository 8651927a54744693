/**
 * Raw material for the demo's process records: problems with the incidents they explain,
 * changes with the configuration items they touch, releases and the changes they bundle,
 * projects and their task plans. Placeholders ({server}, {app}, {site}, {n}...) are filled once
 * per family, so a problem and its incidents name the same server.
 */
import type { Category, GroupKey } from './catalog';

export interface ProblemFamily {
  title: string;
  category: Category;
  group: GroupKey;
  /** Titles of the incidents that lead to the problem; they read like the problem. */
  incidents: readonly string[];
  rootCause: string;
  workaround: string;
}

export const PROBLEM_FAMILIES: readonly ProblemFamily[] = [
  {
    title: 'Recurring VPN disconnects for remote workers',
    category: 'Network & Connectivity',
    group: 'network',
    incidents: [
      'VPN drops every 10 minutes on {laptop}',
      'VPN disconnects several times a day when working from home',
      'Remote access VPN keeps reconnecting on {laptop}',
    ],
    rootCause:
      'The VPN gateway drops idle tunnels after 600 seconds, and the client only sends keep-alives ' +
      'every 15 minutes. Home routers with aggressive NAT timeouts make it worse.',
    workaround: 'Switch the GlobalProtect client to the "always on" portal profile, then reconnect.',
  },
  {
    title: 'Repeated tray 2 jams across the LaserJet fleet',
    category: 'Printing',
    group: 'field',
    incidents: [
      'Printer {printer} jams on tray 2',
      'Paper jam in tray 2 of {printer} again',
      'Tray 2 of {printer} feeds several sheets at once',
    ],
    rootCause: 'The 80 gsm paper bought since March is too light for the M611 pick-up rollers.',
    workaround: 'Print from tray 1, or load tray 2 with the 90 gsm paper from the stationery cupboard.',
  },
  {
    title: '{server} runs out of disk space every month',
    category: 'Infrastructure',
    group: 'server',
    incidents: [
      '{server} disk C: almost full (95%)',
      'Nightly backup job failed on {server}',
      '{server} very slow, low disk space warning',
    ],
    rootCause:
      'The application writes verbose debug logs to C:\\Logs and nothing rotates them; a monthly ' +
      'batch job doubles the volume.',
    workaround: 'Run the "Clear old logs" script from the runbook and restart the logging service.',
  },
  {
    title: 'Intermittent authentication failures in {app}',
    category: 'Business Applications',
    group: 'apps',
    incidents: [
      'Cannot log in to {app} since this morning',
      '{app} asks for my password again and again',
      'Login to {app} fails with "invalid token"',
    ],
    rootCause:
      'One of the two identity provider certificates expired; requests balanced onto that node ' +
      'fail the signature check.',
    workaround: 'Clear the browser cookies for the sign-in page and sign in again.',
  },
  {
    title: 'Docks lose external displays after firmware update',
    category: 'Hardware',
    group: 'field',
    incidents: [
      'External monitors not detected on the dock at {site}',
      'External monitors stay black after waking {laptop}',
      'External display flickers then disappears',
    ],
    rootCause: 'Dock firmware 1.0.42 breaks DisplayPort MST with the current graphics driver.',
    workaround: 'Unplug the dock power for ten seconds, or roll the dock back to firmware 1.0.38.',
  },
  {
    title: 'Poor Teams call quality at {site}',
    category: 'Network & Connectivity',
    group: 'network',
    incidents: [
      'Teams calls drop after about two minutes',
      'Robotic voice on Teams calls at {site}',
      'Very slow Wi-Fi in the {site} canteen',
    ],
    rootCause: 'Voice traffic is not marked for priority on the {site} uplink, which saturates at lunch.',
    workaround: 'Use a wired connection or the guest Wi-Fi for important calls.',
  },
];

/** Which plan wording fits a change (see PLANS in process-text.ts). */
export type PlanStyle = 'patch' | 'replace' | 'config' | 'deploy' | 'migrate';

export interface ChangeTemplate {
  title: string;
  category: Category;
  group: GroupKey;
  /** Items the change touches besides those named in the title, by CI name. */
  cis: readonly string[];
  style: PlanStyle;
}

export const CHANGE_TEMPLATES: readonly ChangeTemplate[] = [
  {
    title: 'Upgrade {server} to Windows Server 2022',
    category: 'Infrastructure',
    group: 'server',
    cis: [],
    style: 'patch',
  },
  {
    title: 'Replace firewall {firewall} (end of support)',
    category: 'Network & Connectivity',
    group: 'network',
    cis: [],
    style: 'replace',
  },
  {
    title: 'Monthly Windows patching, wave {n}',
    category: 'Infrastructure',
    group: 'server',
    cis: ['SRV-APP01', 'SRV-APP02', 'SRV-FS01'],
    style: 'patch',
  },
  {
    title: 'Renew the TLS certificate of the company website',
    category: 'Security',
    group: 'security',
    cis: ['Company Website', 'SRV-WEB01', 'SRV-WEB02'],
    style: 'config',
  },
  {
    title: 'Increase memory of {server} to 64 GB',
    category: 'Infrastructure',
    group: 'server',
    cis: [],
    style: 'replace',
  },
  {
    title: 'Deploy additional Wi-Fi access points at {site}',
    category: 'Network & Connectivity',
    group: 'network',
    cis: ['LDN-CORE-SW01'],
    style: 'replace',
  },
  {
    title: 'Enable conditional access for {app}',
    category: 'Security',
    group: 'security',
    cis: ['Microsoft 365'],
    style: 'config',
  },
  {
    title: 'Migrate the {site} file share to SharePoint',
    category: 'Infrastructure',
    group: 'apps',
    cis: ['SRV-FS01', 'Microsoft 365'],
    style: 'migrate',
  },
  {
    title: 'Update the firmware of the ESX hosts',
    category: 'Infrastructure',
    group: 'server',
    cis: ['SRV-ESX01', 'SRV-ESX02', 'SRV-ESX03'],
    style: 'patch',
  },
];

export interface ReleaseFamily {
  title: string;
  category: Category;
  group: GroupKey;
  /** The release's version; same placeholders as the title. */
  version: string;
  changes: readonly ChangeTemplate[];
}

export const RELEASE_FAMILIES: readonly ReleaseFamily[] = [
  {
    title: '{app} release 24.{n}',
    category: 'Business Applications',
    group: 'apps',
    version: '24.{n}',
    changes: [
      {
        title: 'Deploy {app} 24.{n} to production',
        category: 'Business Applications',
        group: 'apps',
        cis: [],
        style: 'deploy',
      },
      {
        title: 'Database schema update for {app} 24.{n}',
        category: 'Business Applications',
        group: 'server',
        cis: ['ERP-PRD-DB'],
        style: 'deploy',
      },
      {
        title: 'Update the {app} interfaces to Workday',
        category: 'Business Applications',
        group: 'apps',
        cis: ['Workday'],
        style: 'config',
      },
      {
        title: 'Switch on the new {app} month-end reports',
        category: 'Business Applications',
        group: 'apps',
        cis: [],
        style: 'config',
      },
    ],
  },
  {
    title: 'Standard laptop image v{n}',
    category: 'Hardware',
    group: 'field',
    version: '{n}.0',
    changes: [
      {
        title: 'Add the new GlobalProtect client to the laptop image',
        category: 'Software',
        group: 'field',
        cis: ['GlobalProtect VPN client'],
        style: 'deploy',
      },
      {
        title: 'Update drivers and BIOS settings in the laptop image',
        category: 'Hardware',
        group: 'field',
        cis: [],
        style: 'deploy',
      },
      {
        title: 'Pilot laptop image v{n} with the field team',
        category: 'Hardware',
        group: 'field',
        cis: [],
        style: 'deploy',
      },
      {
        title: 'Publish laptop image v{n} to the deployment server',
        category: 'Hardware',
        group: 'server',
        cis: ['SRV-APP02'],
        style: 'deploy',
      },
    ],
  },
  {
    title: 'Intranet redesign go-live',
    category: 'Business Applications',
    group: 'apps',
    version: '2.0',
    changes: [
      {
        title: 'Migrate the intranet content to the new site',
        category: 'Business Applications',
        group: 'apps',
        cis: ['Corporate website (WordPress)'],
        style: 'migrate',
      },
      {
        title: 'Enable single sign-on for the new intranet',
        category: 'Security',
        group: 'security',
        cis: ['Microsoft 365'],
        style: 'config',
      },
      {
        title: 'Point the intranet address at the new site',
        category: 'Network & Connectivity',
        group: 'network',
        cis: ['SRV-WEB01', 'SRV-WEB02'],
        style: 'config',
      },
      {
        title: 'Retire the old intranet web server',
        category: 'Infrastructure',
        group: 'server',
        cis: ['SRV-WEB02'],
        style: 'migrate',
      },
    ],
  },
];

export interface TaskTemplate {
  title: string;
  /** Positions (in this list) of the tasks that must be done first; always earlier ones. */
  after: readonly number[];
  /** Planned working days, min and max. */
  days: readonly [number, number];
}

export interface ProjectFamily {
  title: string;
  category: Category;
  group: GroupKey;
  /** Eight tasks in plan order; a project uses the first three to eight. */
  tasks: readonly TaskTemplate[];
}

export const PROJECT_FAMILIES: readonly ProjectFamily[] = [
  {
    title: 'Windows 11 migration for {site}',
    category: 'Hardware',
    group: 'field',
    tasks: [
      { title: 'Inventory the Windows 10 devices at {site}', after: [], days: [1, 3] },
      { title: 'Test the line-of-business apps on Windows 11', after: [], days: [3, 6] },
      { title: 'Build the Windows 11 image for {site}', after: [1], days: [2, 4] },
      { title: 'Pilot Windows 11 with the {site} champions', after: [0, 2], days: [3, 5] },
      { title: 'Migrate the first wave of {site} laptops', after: [3], days: [3, 6] },
      { title: 'Migrate the second wave of {site} laptops', after: [4], days: [3, 6] },
      { title: 'Collect the pilot feedback and fix the open issues', after: [3], days: [2, 4] },
      { title: 'Retire the Windows 10 image', after: [5, 6], days: [1, 2] },
    ],
  },
  {
    title: 'Replace the wireless network at {site}',
    category: 'Network & Connectivity',
    group: 'network',
    tasks: [
      { title: 'Survey the Wi-Fi coverage at {site}', after: [], days: [1, 3] },
      { title: 'Order the access points and licences', after: [0], days: [2, 5] },
      { title: 'Cable the new access point positions', after: [0], days: [2, 4] },
      { title: 'Mount and patch the access points at {site}', after: [1, 2], days: [2, 4] },
      { title: 'Configure the SSIDs and the guest portal', after: [3], days: [1, 3] },
      { title: 'Test roaming and call quality on every floor', after: [4], days: [1, 2] },
      { title: 'Switch off the old controller', after: [5], days: [1, 1] },
      { title: 'Update the network diagrams and the CMDB', after: [6], days: [1, 2] },
    ],
  },
  {
    title: 'Move payroll to the cloud',
    category: 'Business Applications',
    group: 'apps',
    tasks: [
      { title: 'Agree the data migration scope with HR', after: [], days: [2, 4] },
      { title: 'Set up the cloud payroll tenant', after: [0], days: [2, 3] },
      { title: 'Map the pay elements to the new system', after: [0], days: [3, 6] },
      { title: 'Run a parallel payroll for one month', after: [1, 2], days: [4, 8] },
      { title: 'Train the payroll team', after: [1], days: [1, 3] },
      { title: 'Go live with the cloud payroll', after: [3, 4], days: [1, 2] },
      { title: 'Archive the old payroll database', after: [5], days: [1, 2] },
      { title: 'Decommission the payroll application server', after: [6], days: [1, 2] },
    ],
  },
  {
    title: 'Office move to a new floor at {site}',
    category: 'General',
    group: 'field',
    tasks: [
      { title: 'Agree the new floor plan with facilities', after: [], days: [2, 4] },
      { title: 'Order the desk phones and docking stations', after: [0], days: [3, 6] },
      { title: 'Patch the network points on the new floor', after: [0], days: [2, 4] },
      { title: 'Move the printers and update their queues', after: [2], days: [1, 2] },
      { title: 'Set up the desks and docks on the new floor', after: [1, 2], days: [2, 4] },
      { title: 'Move the meeting room displays', after: [2], days: [1, 2] },
      { title: 'Floor walk on the first day after the move', after: [3, 4, 5], days: [1, 1] },
      { title: 'Return the old floor to facilities', after: [6], days: [1, 2] },
    ],
  },
];
