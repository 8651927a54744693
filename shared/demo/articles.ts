/**
 * Knowledge articles of the demo team. Each is stored compactly (steps separated by "|") and
 * expanded into a Markdown body with the sections a service desk article usually has.
 */

interface ArticleSpec {
  title: string;
  category: string;
  tags: string;
  summary: string;
  steps: string;
}

const a = (title: string, category: string, tags: string, summary: string, steps: string): ArticleSpec => ({
  title,
  category,
  tags,
  summary,
  steps,
});

export const ARTICLE_SPECS: readonly ArticleSpec[] = [
  a(
    'Connect to the VPN from home',
    'Network & Connectivity',
    'vpn remote-work',
    'GlobalProtect gives you access to internal systems from outside the office.',
    'Open **GlobalProtect** from the system tray.|Enter the portal `vpn.outpost.example`.|Sign in with your usual account and approve the MFA prompt.|Wait for the status to show **Connected**.',
  ),
  a(
    'VPN disconnects every few minutes',
    'Network & Connectivity',
    'vpn troubleshooting',
    'Frequent drops are usually caused by Wi-Fi power saving or an outdated client.',
    'Check the client version under **Settings > About**; update if it is older than 6.2.|Disable Wi-Fi power saving in Device Manager.|Prefer a 5 GHz network or a cable.|If drops continue, send the GlobalProtect logs to the Service Desk.',
  ),
  a(
    'Reset your password with self-service',
    'Accounts & Access',
    'password self-service',
    'You can reset a forgotten or expired password without calling the Service Desk.',
    'Go to `https://passwordreset.outpost.example`.|Enter your work email address.|Approve the MFA prompt on your phone.|Choose a new password of at least 14 characters.',
  ),
  a(
    'Set up multi-factor authentication',
    'Accounts & Access',
    'mfa security',
    'MFA is mandatory for all accounts. Set it up on your first day.',
    'Install **Microsoft Authenticator** on your phone.|Sign in at `https://aka.ms/mfasetup`.|Scan the QR code shown on screen.|Approve the test notification.',
  ),
  a(
    'Move MFA to a new phone',
    'Accounts & Access',
    'mfa mobile',
    'Do this before you wipe or hand in your old phone.',
    'Sign in at `https://aka.ms/mfasetup` with the old phone at hand.|Add the new phone as a second method.|Approve a test prompt on the new phone.|Remove the old phone from the list.',
  ),
  a(
    'Add a shared mailbox in Outlook',
    'Email & Collaboration',
    'outlook mailbox',
    'Shared mailboxes appear automatically once access is granted, but can take an hour.',
    'Request access to the mailbox through the portal.|Restart Outlook after approval.|If it does not appear, go to **File > Account Settings > Change > More Settings > Advanced** and add it.',
  ),
  a(
    'Outlook keeps asking for a password',
    'Email & Collaboration',
    'outlook authentication',
    'Repeated prompts usually mean a stale cached credential.',
    'Close Outlook.|Open **Credential Manager** and remove entries starting with `MicrosoftOffice`.|Start Outlook and sign in once.|If prompts continue, create a new Outlook profile.',
  ),
  a(
    'Book a meeting room with Teams',
    'Email & Collaboration',
    'teams meeting-rooms',
    'Meeting rooms are resources you add as attendees.',
    'Create a new meeting in Teams or Outlook.|Click **Add room** and pick a building.|Check the room is shown as available.|Send the invitation; the room accepts automatically.',
  ),
  a(
    'Map a network drive',
    'Infrastructure',
    'file-share windows',
    'Department shares live on `\\\\SRV-FS01`.',
    'Open File Explorer and right-click **This PC**.|Choose **Map network drive**.|Enter `\\\\SRV-FS01\\<department>`.|Tick **Reconnect at sign-in** and click **Finish**.',
  ),
  a(
    'Printer shows "paper jam" on tray 2',
    'Printing',
    'printer paper-jam',
    'Tray 2 jams are usually caused by overfilled trays or damp paper.',
    'Open tray 2 and remove all paper.|Check for torn pieces behind the tray.|Fan the paper and reload below the fill line.|Print a test page from the printer panel.',
  ),
  a(
    'Add a printer on Windows',
    'Printing',
    'printer windows',
    'All office printers are published from `SRV-PRINT01`.',
    'Open **Settings > Printers & scanners**.|Click **Add device** and wait for the list.|Pick the printer by its label, e.g. `PRN-LDN-2F-01`.|Print a test page.',
  ),
  a(
    'Scan to email',
    'Printing',
    'scanner email',
    'Multifunction printers can send scans as PDF to your mailbox.',
    'Badge in at the printer.|Choose **Scan to Me**.|Place the document face up in the feeder.|Press **Start**; the PDF arrives within a minute.',
  ),
  a(
    'Request a laptop for a new starter',
    'Onboarding & Offboarding',
    'onboarding laptop',
    'Order at least 10 working days before the start date so the device can be built.',
    'Open the portal and choose **New starter**.|Fill in name, start date, role and location.|Pick the standard or developer build.|Submit; your manager approves the request.',
  ),
  a(
    'Leaver checklist for managers',
    'Onboarding & Offboarding',
    'offboarding checklist',
    'What IT needs when someone leaves, and when.',
    'Raise a leaver request at least 5 days before the last day.|Say who should receive mailbox and OneDrive access.|Collect the laptop, phone and badge on the last day.|Hand devices to Field Services with the request number.',
  ),
  a(
    'Connect to the office Wi-Fi',
    'Network & Connectivity',
    'wifi',
    'Use **Outpost-Corp** with managed devices and **Outpost-Guest** for visitors.',
    'Select **Outpost-Corp** from the network list.|Sign in with your work account when prompted.|Accept the certificate `radius.outpost.example`.|Guests get a daily code from reception.',
  ),
  a(
    'Laptop is slow after an update',
    'Hardware',
    'performance windows',
    'Updates finish work in the background for up to an hour after a restart.',
    'Leave the laptop on power for an hour.|Restart once more.|Check free disk space is above 15%.|If it is still slow, run the hardware check from Company Portal.',
  ),
  a(
    'Docking station does not detect monitors',
    'Hardware',
    'dock monitor',
    'Most issues are solved by a firmware update and a power cycle of the dock.',
    'Unplug the dock power for 30 seconds.|Reconnect power, then the laptop.|Install dock firmware from Company Portal.|Try one monitor at a time to find a faulty cable.',
  ),
  a(
    'Install software from Company Portal',
    'Software',
    'software self-service',
    'Approved software installs without admin rights from Company Portal.',
    'Open **Company Portal** from the Start menu.|Search for the application.|Click **Install** and keep the laptop online.|For software not listed, raise a software request.',
  ),
  a(
    'Request access to SAP',
    'Business Applications',
    'sap access',
    'SAP roles need approval from the data owner of the module.',
    'Raise an access request and choose **SAP S/4HANA**.|Name the module and the role you need.|Your manager and the data owner approve.|Access is granted within two working days.',
  ),
  a(
    'Workday payslip not visible',
    'Business Applications',
    'workday payroll',
    'Payslips are published on the last working day at 09:00.',
    'Sign in to Workday and open **Pay**.|Check the period filter.|Clear the browser cache if the page is blank.|Contact Payroll if the payslip is still missing after 12:00.',
  ),
  a(
    'Report a phishing email',
    'Security',
    'phishing security',
    'Reporting quickly protects colleagues: do not forward the email.',
    'Do not click links or open attachments.|Click **Report > Phishing** in Outlook.|If you clicked a link, call the Service Desk at once.|Delete the email after reporting it.',
  ),
  a(
    'Lost or stolen device',
    'Security',
    'security mobile',
    'A missing device must be reported within one hour so it can be wiped.',
    'Call the Service Desk on 4444 at once.|Give the device type and when you last had it.|Change your password from another device.|Report theft to the police and share the reference.',
  ),
  a(
    'Set up email on a company phone',
    'Mobile Devices',
    'mobile outlook',
    'Company phones are enrolled with Intune and use the Outlook app.',
    'Install **Company Portal** and sign in.|Follow the enrolment steps.|Install **Outlook** from the managed app store.|Sign in; mail and calendar sync within minutes.',
  ),
  a(
    'Share a large file securely',
    'Email & Collaboration',
    'onedrive sharing',
    'Do not email attachments over 20 MB; share a OneDrive link instead.',
    'Upload the file to OneDrive.|Click **Share** and choose **Specific people**.|Set an expiry date for external recipients.|Send the link.',
  ),
  a(
    'Teams audio is choppy in calls',
    'Email & Collaboration',
    'teams audio',
    'Choppy audio is almost always network congestion or a busy CPU.',
    'Close browser tabs with video.|Switch to a cable or the 5 GHz network.|Turn off incoming video in large calls.|Run the Teams test call and share the result if needed.',
  ),
];
