/**
 * Static raw material for the demo team: organisation, names and the CI estate. Kept apart from
 * the generation code so that realism can be tuned without touching logic.
 */
import type { CiClass, RelationType, Role } from '../domain/model';

export const GROUPS = [
  { key: 'desk', name: 'Service Desk' },
  { key: 'field', name: 'Field Services' },
  { key: 'network', name: 'Network' },
  { key: 'server', name: 'Server Ops' },
  { key: 'apps', name: 'Applications' },
  { key: 'security', name: 'Security' },
] as const;
export type GroupKey = (typeof GROUPS)[number]['key'];

export const LOCATIONS = [
  { key: 'ldn', name: 'London HQ' },
  { key: 'man', name: 'Manchester Office' },
  { key: 'lds', name: 'Leeds Warehouse' },
  { key: 'slo', name: 'Slough Data Centre' },
  { key: 'home', name: 'Remote Workers' },
] as const;
export type LocationKey = (typeof LOCATIONS)[number]['key'];

/** Staff structure of a 40-person IT-served team; names are drawn by seed. */
export const STAFF: readonly { roles: Role[]; groups: GroupKey[]; count: number }[] = [
  { roles: ['admin', 'agent'], groups: ['desk'], count: 1 },
  { roles: ['manager', 'agent'], groups: ['desk', 'field'], count: 1 },
  { roles: ['manager', 'technician'], groups: ['server', 'network'], count: 1 },
  { roles: ['agent'], groups: ['desk'], count: 4 },
  { roles: ['technician'], groups: ['field'], count: 3 },
  { roles: ['technician'], groups: ['network'], count: 2 },
  { roles: ['technician'], groups: ['server'], count: 2 },
  { roles: ['technician'], groups: ['server', 'security'], count: 1 },
  { roles: ['technician'], groups: ['apps'], count: 3 },
  { roles: ['technician'], groups: ['security'], count: 1 },
  { roles: ['requester'], groups: [], count: 21 },
];

// One string per list keeps the file short; split once at import.
export const FIRST_NAMES: readonly string[] = (
  'Alex Priya Tom Grace Mohammed Sophie Daniel Aisha James Chloe Oliver Fatima Liam Hannah Noah Amelia ' +
  'Ethan Zara Lucas Isla Ryan Mei Samuel Olivia Kwame Freya Arjun Emily Leo Niamh Jack Sara Ben Ruby Omar ' +
  'Lily Adam Maya Harry Elena Callum Yusuf'
).split(' ');

export const LAST_NAMES: readonly string[] = (
  'Morgan Patel Hughes Okafor Khan Turner Walsh Begum Fletcher Nguyen Reid Hassan Doyle Price Evans Clarke ' +
  "Shah Murphy Bennett Kowalski Ahmed Lee Mensah Jones Baker Singh Wright O'Neill Campbell Fraser Hall Ward " +
  'Chen Lopez Stewart Ali Brooks Mitchell Rossi Grant Novak Iqbal'
).split(' ');

export interface HardwareModel {
  manufacturer: string;
  model: string;
  /** Serial number shape: fixed prefix, then random characters up to `length`. */
  serialPrefix: string;
  serialLength: number;
}

const hw = (
  manufacturer: string,
  model: string,
  serialPrefix: string,
  serialLength: number,
): HardwareModel => ({
  manufacturer,
  model,
  serialPrefix,
  serialLength,
});

export const MODELS: Readonly<Partial<Record<CiClass, readonly HardwareModel[]>>> = {
  laptop: [
    hw('Dell', 'Latitude 7440', '', 7),
    hw('Lenovo', 'ThinkPad T14 Gen 4', 'PF', 8),
    hw('HP', 'EliteBook 840 G10', '5CG', 10),
    hw('Apple', 'MacBook Air 13" M2', 'C02', 12),
  ],
  desktop: [
    hw('Dell', 'OptiPlex 7010', '', 7),
    hw('HP', 'EliteDesk 800 G9', 'CZC', 10),
    hw('Lenovo', 'ThinkCentre M70q', 'MJ', 8),
  ],
  mobile: [
    hw('Apple', 'iPhone 15', 'F', 12),
    hw('Samsung', 'Galaxy S23', 'R5C', 11),
    hw('Apple', 'iPad (10th generation)', 'DMP', 12),
  ],
  server: [hw('Dell', 'PowerEdge R750', '', 7), hw('HPE', 'ProLiant DL380 Gen10 Plus', 'CZJ', 10)],
  network: [
    hw('Cisco', 'Catalyst 9300-48P', 'FOC', 11),
    hw('Fortinet', 'FortiGate 200F', 'FG200F', 16),
    hw('Aruba', 'AP-535', 'CNR', 10),
  ],
  printer: [
    hw('HP', 'LaserJet Enterprise M611dn', 'CNB', 10),
    hw('Ricoh', 'IM C3000', '3', 11),
    hw('Zebra', 'ZT411', '99J', 12),
  ],
  generic: [hw('APC', 'Smart-UPS 3000', 'AS', 12), hw('Samsung', 'QM75C display', '0', 14)],
};

/** Logical CIs (no asset tag): class, name, group that owns it, attributes. */
export const LOGICAL_CIS: readonly [CiClass, string, GroupKey, Record<string, string | number | boolean>][] =
  [
    ['business_service', 'Email & Calendar', 'apps', { criticality: 'high', hours: '24x7' }],
    ['business_service', 'Remote Access (VPN)', 'network', { criticality: 'high', hours: '24x7' }],
    ['business_service', 'ERP', 'apps', { criticality: 'high', hours: 'Mon-Fri 06:00-22:00' }],
    ['business_service', 'Payroll', 'apps', { criticality: 'medium', hours: 'Mon-Fri 08:00-18:00' }],
    ['business_service', 'Company Website', 'apps', { criticality: 'medium', hours: '24x7' }],
    ['business_service', 'File & Print', 'server', { criticality: 'medium', hours: 'Mon-Fri 07:00-19:00' }],
    ['application', 'Microsoft 365', 'apps', { vendor: 'Microsoft', version: 'Cloud', saas: true }],
    ['application', 'Outlook', 'apps', { vendor: 'Microsoft', version: '2408', saas: false }],
    ['application', 'Microsoft Teams', 'apps', { vendor: 'Microsoft', version: '24215', saas: true }],
    ['application', 'SAP S/4HANA', 'apps', { vendor: 'SAP', version: '2023 FPS01', saas: false }],
    ['application', 'Workday', 'apps', { vendor: 'Workday', version: 'Cloud', saas: true }],
    ['application', 'Salesforce Sales Cloud', 'apps', { vendor: 'Salesforce', version: 'Cloud', saas: true }],
    ['application', 'Jira Software', 'apps', { vendor: 'Atlassian', version: 'Cloud', saas: true }],
    ['application', 'Confluence', 'apps', { vendor: 'Atlassian', version: 'Cloud', saas: true }],
    ['application', 'Adobe Acrobat Pro', 'apps', { vendor: 'Adobe', version: '2024.002', saas: false }],
    [
      'application',
      'GlobalProtect VPN client',
      'network',
      { vendor: 'Palo Alto Networks', version: '6.2.1', saas: false },
    ],
    ['application', 'Sage Payroll', 'apps', { vendor: 'Sage', version: '29.1', saas: false }],
    [
      'application',
      'Corporate website (WordPress)',
      'apps',
      { vendor: 'WordPress', version: '6.5', saas: false },
    ],
    ['database', 'ERP-PRD-DB', 'server', { engine: 'SAP HANA', version: '2.0 SPS07', size_gb: 1840 }],
    ['database', 'HR-SQL01', 'server', { engine: 'SQL Server', version: '2019', size_gb: 220 }],
    ['database', 'CRM-PG01', 'server', { engine: 'PostgreSQL', version: '15', size_gb: 95 }],
    ['database', 'WEB-MYSQL01', 'server', { engine: 'MySQL', version: '8.0', size_gb: 12 }],
    ['database', 'PAY-SQL01', 'server', { engine: 'SQL Server', version: '2022', size_gb: 64 }],
    ['database', 'DWH-PG02', 'server', { engine: 'PostgreSQL', version: '16', size_gb: 730 }],
    [
      'licence',
      'Microsoft 365 E3 (250 seats)',
      'apps',
      { vendor: 'Microsoft', seats: 250, renewal: '2026-03-31' },
    ],
    [
      'licence',
      'Adobe Acrobat Pro (40 seats)',
      'apps',
      { vendor: 'Adobe', seats: 40, renewal: '2025-11-30' },
    ],
    [
      'licence',
      'Jira Software Cloud (80 users)',
      'apps',
      { vendor: 'Atlassian', seats: 80, renewal: '2026-01-15' },
    ],
    [
      'licence',
      'Salesforce Sales Cloud (60 users)',
      'apps',
      { vendor: 'Salesforce', seats: 60, renewal: '2026-06-30' },
    ],
    [
      'licence',
      'Zoom Workplace Pro (20 hosts)',
      'apps',
      { vendor: 'Zoom', seats: 20, renewal: '2025-09-01' },
    ],
    [
      'licence',
      'Windows Server 2022 Datacenter',
      'server',
      { vendor: 'Microsoft', seats: 6, renewal: 'perpetual' },
    ],
    [
      'licence',
      'VMware vSphere Enterprise Plus',
      'server',
      { vendor: 'Broadcom', seats: 6, renewal: '2025-12-31' },
    ],
    [
      'licence',
      'FortiCare Premium support',
      'network',
      { vendor: 'Fortinet', seats: 2, renewal: '2026-02-28' },
    ],
  ];

/** Physical infrastructure CIs with fixed names: class, name, location, owning group. */
export const INFRA_CIS: readonly [CiClass, string, LocationKey, GroupKey][] = [
  ['server', 'SRV-DC01', 'slo', 'server'],
  ['server', 'SRV-DC02', 'ldn', 'server'],
  ['server', 'SRV-FS01', 'slo', 'server'],
  ['server', 'SRV-PRINT01', 'slo', 'server'],
  ['server', 'SRV-SQL01', 'slo', 'server'],
  ['server', 'SRV-SQL02', 'slo', 'server'],
  ['server', 'SRV-APP01', 'slo', 'server'],
  ['server', 'SRV-APP02', 'slo', 'server'],
  ['server', 'SRV-WEB01', 'slo', 'server'],
  ['server', 'SRV-WEB02', 'slo', 'server'],
  ['server', 'SRV-ESX01', 'slo', 'server'],
  ['server', 'SRV-ESX02', 'slo', 'server'],
  ['server', 'SRV-ESX03', 'slo', 'server'],
  ['server', 'SRV-BACKUP01', 'slo', 'server'],
  ['server', 'SRV-VPN01', 'slo', 'network'],
  ['server', 'SRV-MON01', 'slo', 'server'],
  ['network', 'LDN-CORE-SW01', 'ldn', 'network'],
  ['network', 'LDN-CORE-SW02', 'ldn', 'network'],
  ['network', 'LDN-FW01', 'ldn', 'network'],
  ['network', 'SLO-FW01', 'slo', 'network'],
  ['network', 'SLO-DC-SW01', 'slo', 'network'],
  ['network', 'MAN-SW01', 'man', 'network'],
  ['network', 'MAN-FW01', 'man', 'network'],
  ['network', 'LDS-SW01', 'lds', 'network'],
  ['network', 'LDN-AP-1F-01', 'ldn', 'network'],
  ['network', 'LDN-AP-2F-01', 'ldn', 'network'],
  ['network', 'LDN-AP-2F-02', 'ldn', 'network'],
  ['network', 'LDN-AP-3F-01', 'ldn', 'network'],
  ['network', 'MAN-AP-01', 'man', 'network'],
  ['network', 'MAN-AP-02', 'man', 'network'],
  ['network', 'LDS-AP-01', 'lds', 'network'],
  ['printer', 'PRN-LDN-1F-01', 'ldn', 'field'],
  ['printer', 'PRN-LDN-2F-01', 'ldn', 'field'],
  ['printer', 'PRN-LDN-2F-COLOUR', 'ldn', 'field'],
  ['printer', 'PRN-LDN-3F-01', 'ldn', 'field'],
  ['printer', 'PRN-MAN-01', 'man', 'field'],
  ['printer', 'PRN-MAN-COLOUR', 'man', 'field'],
  ['printer', 'PRN-LDS-LABEL01', 'lds', 'field'],
  ['printer', 'PRN-LDS-01', 'lds', 'field'],
  ['generic', 'LDN-UPS01', 'ldn', 'server'],
  ['generic', 'SLO-UPS01', 'slo', 'server'],
  ['generic', 'Meeting room display Thames', 'ldn', 'field'],
  ['generic', 'Meeting room display Pennine', 'man', 'field'],
];

/** End-user devices are numbered per class, e.g. LDN-LT-0412. */
export const END_USER_DEVICES: readonly { ciClass: CiClass; code: string; count: number }[] = [
  { ciClass: 'laptop', code: 'LT', count: 45 },
  { ciClass: 'desktop', code: 'DT', count: 15 },
  { ciClass: 'mobile', code: 'MB', count: 15 },
];

/** Dependency map by CI name: [from, relation, to]. */
export const RELATIONS: readonly [string, RelationType, string][] = [
  ['Email & Calendar', 'depends_on', 'Microsoft 365'],
  ['Email & Calendar', 'depends_on', 'Outlook'],
  ['Email & Calendar', 'depends_on', 'Microsoft Teams'],
  ['Remote Access (VPN)', 'depends_on', 'GlobalProtect VPN client'],
  ['Remote Access (VPN)', 'depends_on', 'SRV-VPN01'],
  ['Remote Access (VPN)', 'depends_on', 'LDN-FW01'],
  ['ERP', 'depends_on', 'SAP S/4HANA'],
  ['Payroll', 'depends_on', 'Sage Payroll'],
  ['Payroll', 'depends_on', 'Workday'],
  ['Company Website', 'depends_on', 'Corporate website (WordPress)'],
  ['File & Print', 'depends_on', 'SRV-FS01'],
  ['File & Print', 'depends_on', 'SRV-PRINT01'],
  ['SAP S/4HANA', 'depends_on', 'ERP-PRD-DB'],
  ['SAP S/4HANA', 'runs_on', 'SRV-APP01'],
  ['Sage Payroll', 'depends_on', 'PAY-SQL01'],
  ['Sage Payroll', 'runs_on', 'SRV-APP02'],
  ['Salesforce Sales Cloud', 'depends_on', 'CRM-PG01'],
  ['Corporate website (WordPress)', 'depends_on', 'WEB-MYSQL01'],
  ['Corporate website (WordPress)', 'runs_on', 'SRV-WEB01'],
  ['Corporate website (WordPress)', 'runs_on', 'SRV-WEB02'],
  ['GlobalProtect VPN client', 'depends_on', 'SRV-VPN01'],
  ['ERP-PRD-DB', 'runs_on', 'SRV-SQL01'],
  ['HR-SQL01', 'runs_on', 'SRV-SQL01'],
  ['PAY-SQL01', 'runs_on', 'SRV-SQL02'],
  ['CRM-PG01', 'runs_on', 'SRV-SQL02'],
  ['WEB-MYSQL01', 'runs_on', 'SRV-WEB02'],
  ['DWH-PG02', 'runs_on', 'SRV-SQL02'],
  ['SRV-DC01', 'runs_on', 'SRV-ESX01'],
  ['SRV-FS01', 'runs_on', 'SRV-ESX01'],
  ['SRV-PRINT01', 'runs_on', 'SRV-ESX02'],
  ['SRV-APP01', 'runs_on', 'SRV-ESX02'],
  ['SRV-APP02', 'runs_on', 'SRV-ESX03'],
  ['SRV-WEB01', 'runs_on', 'SRV-ESX03'],
  ['SRV-WEB02', 'runs_on', 'SRV-ESX01'],
  ['SRV-VPN01', 'runs_on', 'SRV-ESX02'],
  ['SRV-MON01', 'runs_on', 'SRV-ESX03'],
  ['SRV-ESX01', 'depends_on', 'SLO-DC-SW01'],
  ['SRV-ESX02', 'depends_on', 'SLO-DC-SW01'],
  ['SRV-ESX03', 'depends_on', 'SLO-DC-SW01'],
];

export const CATEGORIES = [
  'Hardware',
  'Software',
  'Network & Connectivity',
  'Accounts & Access',
  'Email & Collaboration',
  'Printing',
  'Mobile Devices',
  'Security',
  'Business Applications',
  'Infrastructure',
  'Onboarding & Offboarding',
  'General',
] as const;
export type Category = (typeof CATEGORIES)[number];
