// Software that Intune's inventory finds on managed devices, by the name and version
// string each installer registers. "{org}" is the tenant's own line-of-business software.
// Windows inventory reports no size (sizeInByte 0), mobile platforms do.

export type InventoryPlatform = 'windows' | 'macOS' | 'ios' | 'androidWorkProfile' | 'androidDedicatedAndFullyManaged' | 'androidDeviceAdministrator';

export interface CatalogApp {
  readonly name: string;
  readonly publisher: string;
  readonly versions: readonly string[];
  readonly sizeMb: number;
  /** Installed on every device of its class (agents, runtimes); otherwise drawn at random. */
  readonly core?: boolean;
  /** Only on this manufacturer's hardware (OEM utilities). */
  readonly oem?: string;
  /** How often an optional app is present (default 0.3). */
  readonly share?: number;
}

const ms = 'Microsoft Corporation';

export const WINDOWS_APPS: readonly CatalogApp[] = [
  { name: 'Microsoft Edge', publisher: ms, versions: ['131.0.2903.86', '131.0.2903.70', '130.0.2849.80', '129.0.2792.89'], sizeMb: 0, core: true },
  { name: 'Microsoft Teams', publisher: ms, versions: ['24295.606.3238.6194', '24277.3507.3205.5228', '24243.1309.3132.617'], sizeMb: 0, core: true },
  { name: 'Microsoft 365 Apps for enterprise - en-us', publisher: ms, versions: ['16.0.18129.20158', '16.0.17928.20286'], sizeMb: 0, core: true },
  { name: 'Microsoft OneDrive', publisher: ms, versions: ['24.226.1110.0004', '24.211.1020.0001'], sizeMb: 0, core: true },
  { name: 'Microsoft Intune Management Extension', publisher: ms, versions: ['1.86.102.0', '1.85.105.0'], sizeMb: 0, core: true },
  { name: 'Microsoft Edge WebView2 Runtime', publisher: ms, versions: ['131.0.2903.86'], sizeMb: 0, core: true },
  { name: 'Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.40.33810', publisher: ms, versions: ['14.40.33810.0'], sizeMb: 0, core: true },
  { name: 'Microsoft Visual C++ 2015-2022 Redistributable (x86) - 14.40.33810', publisher: ms, versions: ['14.40.33810.0'], sizeMb: 0, share: 0.8 },
  { name: 'Microsoft Update Health Tools', publisher: ms, versions: ['5.72.0.0'], sizeMb: 0, share: 0.7 },
  { name: 'Microsoft .NET Runtime - 8.0.11 (x64)', publisher: ms, versions: ['8.0.11.34221'], sizeMb: 0, share: 0.6 },
  { name: 'Microsoft Windows Desktop Runtime - 8.0.11 (x64)', publisher: ms, versions: ['8.0.11.34221'], sizeMb: 0, share: 0.5 },
  { name: 'Company Portal', publisher: ms, versions: ['11.2.1002.0', '11.2.885.0'], sizeMb: 0, share: 0.7 },
  { name: 'Google Chrome', publisher: 'Google LLC', versions: ['131.0.6778.140', '131.0.6778.109', '130.0.6723.117', '129.0.6668.101'], sizeMb: 0, share: 0.55 },
  { name: 'Mozilla Firefox (x64 en-US)', publisher: 'Mozilla', versions: ['133.0.3', '132.0.2'], sizeMb: 0, share: 0.12 },
  { name: '7-Zip 23.01 (x64)', publisher: '7-Zip', versions: ['23.01'], sizeMb: 0, share: 0.25 },
  { name: '7-Zip 24.08 (x64)', publisher: '7-Zip', versions: ['24.08'], sizeMb: 0, share: 0.15 },
  { name: 'Notepad++ (64-bit x64)', publisher: 'Notepad++ Team', versions: ['8.7.4', '8.6.9'], sizeMb: 0, share: 0.2 },
  { name: 'Zoom Workplace (64-bit)', publisher: 'Zoom Video Communications, Inc.', versions: ['6.3.1.53549', '6.2.11.51789', '6.1.12.47713'], sizeMb: 0, share: 0.35 },
  { name: 'Adobe Acrobat (64-bit)', publisher: 'Adobe', versions: ['24.005.20320', '24.004.20272', '24.003.20180'], sizeMb: 0, share: 0.45 },
  { name: 'Cisco Secure Client - AnyConnect VPN', publisher: 'Cisco Systems, Inc.', versions: ['5.1.6.103', '5.1.4.74'], sizeMb: 0, share: 0.4 },
  { name: 'Citrix Workspace 2409', publisher: 'Citrix Systems, Inc.', versions: ['24.9.0.133'], sizeMb: 0, share: 0.15 },
  { name: 'VLC media player', publisher: 'VideoLAN', versions: ['3.0.21'], sizeMb: 0, share: 0.1 },
  { name: 'Microsoft Visual Studio Code (User)', publisher: ms, versions: ['1.96.2', '1.95.3'], sizeMb: 0, share: 0.15 },
  { name: 'Git', publisher: 'The Git Development Community', versions: ['2.47.1', '2.46.0'], sizeMb: 0, share: 0.1 },
  { name: 'Python 3.12.8 (64-bit)', publisher: 'Python Software Foundation', versions: ['3.12.8150.0'], sizeMb: 0, share: 0.08 },
  { name: 'Node.js', publisher: 'Node.js Foundation', versions: ['22.12.0', '20.18.1'], sizeMb: 0, share: 0.06 },
  { name: 'Docker Desktop', publisher: 'Docker Inc.', versions: ['4.37.1'], sizeMb: 0, share: 0.05 },
  { name: 'Postman x64', publisher: 'Postman', versions: ['11.23.3'], sizeMb: 0, share: 0.05 },
  { name: 'Slack (Machine - MSI)', publisher: 'Slack Technologies Inc.', versions: ['4.41.105'], sizeMb: 0, share: 0.15 },
  { name: 'Webex', publisher: 'Cisco Systems, Inc', versions: ['44.12.0.31130'], sizeMb: 0, share: 0.08 },
  { name: 'Microsoft Power BI Desktop (x64)', publisher: ms, versions: ['2.139.1678.0'], sizeMb: 0, share: 0.08 },
  { name: 'Microsoft Visio - en-us', publisher: ms, versions: ['16.0.18129.20158'], sizeMb: 0, share: 0.06 },
  { name: 'Microsoft Project - en-us', publisher: ms, versions: ['16.0.18129.20158'], sizeMb: 0, share: 0.04 },
  { name: 'Remote Desktop', publisher: ms, versions: ['1.2.5910.0'], sizeMb: 0, share: 0.1 },
  { name: 'PowerToys (Preview) x64', publisher: ms, versions: ['0.87.1'], sizeMb: 0, share: 0.05 },
  { name: 'Microsoft Azure CLI', publisher: ms, versions: ['2.67.0'], sizeMb: 0, share: 0.04 },
  { name: 'SQL Server Management Studio', publisher: ms, versions: ['20.2.30.0'], sizeMb: 0, share: 0.03 },
  { name: 'Java 8 Update 431 (64-bit)', publisher: 'Oracle Corporation', versions: ['8.0.4310.11'], sizeMb: 0, share: 0.07 },
  { name: 'SAP GUI for Windows 8.00 (Patchlevel 12)', publisher: 'SAP SE', versions: ['8.00.12'], sizeMb: 0, share: 0.05 },
  { name: 'Autodesk AutoCAD 2025', publisher: 'Autodesk, Inc.', versions: ['25.0.58.0'], sizeMb: 0, share: 0.03 },
  { name: 'Greenshot', publisher: 'Greenshot', versions: ['1.2.10.6'], sizeMb: 0, share: 0.05 },
  { name: 'WinRAR 7.01 (64-bit)', publisher: 'win.rar GmbH', versions: ['7.01.0'], sizeMb: 0, share: 0.04 },
  { name: 'TeamViewer', publisher: 'TeamViewer Germany GmbH', versions: ['15.60.3'], sizeMb: 0, share: 0.03 },
  { name: 'AnyDesk', publisher: 'AnyDesk Software GmbH', versions: ['9.0.1'], sizeMb: 0, share: 0.02 },
  { name: 'Spotify', publisher: 'Spotify AB', versions: ['1.2.53.440'], sizeMb: 0, share: 0.06 },
  { name: 'Wave Browser', publisher: 'Wavesor Software', versions: ['1.5.12.1'], sizeMb: 0, share: 0.01 },
  { name: 'µTorrent', publisher: 'BitTorrent Inc.', versions: ['3.6.0.47162'], sizeMb: 0, share: 0.005 },
  { name: 'Microsoft OneNote - en-us', publisher: ms, versions: ['16.0.18129.20158', '16.0.17928.20286'], sizeMb: 0, share: 0.3 },
  { name: 'Remote help', publisher: ms, versions: ['5.1.1419.0', '5.1.1214.0'], sizeMb: 0, share: 0.2 },
  { name: 'Teams Machine-Wide Installer', publisher: ms, versions: ['1.7.0.19353', '1.5.0.30767'], sizeMb: 0, share: 0.2 },
  { name: 'Windows PC Health Check', publisher: ms, versions: ['3.7.2204.15001'], sizeMb: 0, share: 0.25 },
  { name: 'Microsoft Visual Studio Professional 2022', publisher: ms, versions: ['17.12.3', '17.11.5'], sizeMb: 0, share: 0.06 },
  { name: 'Microsoft Azure Storage Explorer version 1.36.2', publisher: ms, versions: ['1.36.2'], sizeMb: 0, share: 0.03 },
  { name: 'Power Automate for desktop', publisher: ms, versions: ['2.51.349.24355'], sizeMb: 0, share: 0.05 },
  { name: 'Zscaler', publisher: 'Zscaler Inc.', versions: ['4.5.0.198', '4.4.0.389'], sizeMb: 0, share: 0.3 },
  { name: 'Intel(R) Management Engine Components', publisher: 'Intel Corporation', versions: ['2406.5.5.0', '2310.4.0.0'], sizeMb: 0, share: 0.35 },
  { name: 'Realtek Audio Driver', publisher: 'Realtek Semiconductor Corp.', versions: ['6.0.9549.1'], sizeMb: 0, share: 0.4 },
  { name: 'LibreOffice 24.8.3.2', publisher: 'The Document Foundation', versions: ['24.8.3.2'], sizeMb: 0, share: 0.03 },
  { name: 'paint.net', publisher: 'dotPDN LLC', versions: ['5.1.2'], sizeMb: 0, share: 0.04 },
  { name: 'Wireshark 4.4.2 x64', publisher: 'The Wireshark developer community', versions: ['4.4.2'], sizeMb: 0, share: 0.02 },
  { name: 'GIMP 2.10.38', publisher: 'The GIMP Team', versions: ['2.10.38'], sizeMb: 0, share: 0.02 },
  { name: '{org} Timesheet', publisher: '{org}', versions: ['3.4.2', '3.3.9'], sizeMb: 0, share: 0.4 },
  { name: '{org} VPN Client', publisher: '{org}', versions: ['2.1.0'], sizeMb: 0, share: 0.3 },
  { name: 'Dell Command | Update for Windows Universal', publisher: 'Dell Inc.', versions: ['5.4.0'], sizeMb: 0, oem: 'Dell Inc.', share: 0.9 },
  { name: 'Dell SupportAssist OS Recovery Plugin for Dell Update', publisher: 'Dell Inc.', versions: ['5.5.12.16446'], sizeMb: 0, oem: 'Dell Inc.', share: 0.5 },
  { name: 'HP Support Assistant', publisher: 'HP Inc.', versions: ['9.35.14.0'], sizeMb: 0, oem: 'HP', share: 0.8 },
  { name: 'HP Wolf Security', publisher: 'HP Inc.', versions: ['4.6.14.1044'], sizeMb: 0, oem: 'HP', share: 0.6 },
  { name: 'Lenovo Vantage Service', publisher: 'Lenovo Group Ltd.', versions: ['4.1.28.0'], sizeMb: 0, oem: 'LENOVO', share: 0.85 },
  { name: 'Lenovo System Update', publisher: 'Lenovo', versions: ['5.08.03.59'], sizeMb: 0, oem: 'LENOVO', share: 0.5 },
  { name: 'Surface Diagnostic Toolkit for Business', publisher: ms, versions: ['2.200.139.0'], sizeMb: 0, oem: 'Microsoft Corporation', share: 0.3 },
];

export const MAC_APPS: readonly CatalogApp[] = [
  { name: 'Company Portal', publisher: ms, versions: ['5.2411.0'], sizeMb: 95, core: true },
  { name: 'Microsoft Defender', publisher: ms, versions: ['101.24092.0004', '101.24082.0004'], sizeMb: 310, core: true },
  { name: 'Microsoft Outlook', publisher: ms, versions: ['16.92', '16.91'], sizeMb: 2100, core: true },
  { name: 'Microsoft Teams', publisher: ms, versions: ['24295.606.3238.6194'], sizeMb: 680, core: true },
  { name: 'Microsoft Word', publisher: ms, versions: ['16.92', '16.91'], sizeMb: 2300, share: 0.9 },
  { name: 'Microsoft Excel', publisher: ms, versions: ['16.92', '16.91'], sizeMb: 2000, share: 0.9 },
  { name: 'Microsoft PowerPoint', publisher: ms, versions: ['16.92'], sizeMb: 1800, share: 0.85 },
  { name: 'OneDrive', publisher: ms, versions: ['24.226.1110'], sizeMb: 420, share: 0.9 },
  { name: 'Microsoft Edge', publisher: ms, versions: ['131.0.2903.86', '131.0.2903.70'], sizeMb: 740, share: 0.6 },
  { name: 'Google Chrome', publisher: 'Google LLC', versions: ['131.0.6778.140', '131.0.6778.109'], sizeMb: 1200, share: 0.6 },
  { name: 'zoom.us', publisher: 'Zoom Video Communications, Inc.', versions: ['6.3.1 (45300)'], sizeMb: 260, share: 0.4 },
  { name: 'Slack', publisher: 'Slack Technologies Inc.', versions: ['4.41.105'], sizeMb: 390, share: 0.35 },
  { name: 'Visual Studio Code', publisher: ms, versions: ['1.96.2'], sizeMb: 560, share: 0.3 },
  { name: 'Xcode', publisher: 'Apple', versions: ['16.2'], sizeMb: 11500, share: 0.15 },
  { name: 'Docker', publisher: 'Docker Inc.', versions: ['4.37.1'], sizeMb: 2100, share: 0.12 },
  { name: 'Figma', publisher: 'Figma, Inc.', versions: ['124.6.5'], sizeMb: 280, share: 0.15 },
  { name: 'Keynote', publisher: 'Apple', versions: ['14.3'], sizeMb: 610, share: 0.4 },
  { name: 'Cisco Secure Client', publisher: 'Cisco Systems, Inc.', versions: ['5.1.6.103'], sizeMb: 110, share: 0.35 },
];

export const IOS_APPS: readonly CatalogApp[] = [
  { name: 'Comp Portal', publisher: ms, versions: ['5.2411.0'], sizeMb: 98, core: true },
  { name: 'Microsoft Outlook', publisher: ms, versions: ['4.2451.0', '4.2450.1'], sizeMb: 330, core: true },
  { name: 'Microsoft Teams', publisher: ms, versions: ['6.26.0', '6.25.1', '6.24.2'], sizeMb: 290, share: 0.9 },
  { name: 'Authenticator', publisher: ms, versions: ['6.8.19', '6.8.17'], sizeMb: 110, share: 0.9 },
  { name: 'Microsoft Edge', publisher: ms, versions: ['131.2903.87'], sizeMb: 360, share: 0.5 },
  { name: 'Microsoft Word', publisher: ms, versions: ['2.92'], sizeMb: 320, share: 0.5 },
  { name: 'Microsoft Excel', publisher: ms, versions: ['2.92'], sizeMb: 310, share: 0.5 },
  { name: 'Microsoft PowerPoint', publisher: ms, versions: ['2.92'], sizeMb: 300, share: 0.4 },
  { name: 'OneDrive', publisher: ms, versions: ['15.241.1'], sizeMb: 260, share: 0.6 },
  { name: 'Microsoft Defender', publisher: ms, versions: ['1.1.58'], sizeMb: 120, share: 0.4 },
  { name: 'Zoom Workplace', publisher: 'Zoom Video Communications, Inc.', versions: ['6.3.1'], sizeMb: 240, share: 0.3 },
  { name: 'Slack', publisher: 'Slack Technologies, Inc.', versions: ['24.12.10'], sizeMb: 200, share: 0.25 },
  { name: 'Webex Meetings', publisher: 'Cisco', versions: ['44.12'], sizeMb: 280, share: 0.1 },
  { name: 'Adobe Acrobat Reader', publisher: 'Adobe Inc.', versions: ['24.12.0'], sizeMb: 380, share: 0.2 },
  { name: 'Salesforce', publisher: 'salesforce.com', versions: ['256.020'], sizeMb: 190, share: 0.2 },
  { name: 'ServiceNow Agent', publisher: 'ServiceNow, Inc.', versions: ['22.3.0'], sizeMb: 160, share: 0.1 },
  { name: '{org} Field Service', publisher: '{org}', versions: ['4.2.0', '4.1.3'], sizeMb: 85, share: 0.25 },
];

const AE_CORE: readonly CatalogApp[] = [
  { name: 'Intune Company Portal', publisher: ms, versions: ['5.0.6507.0'], sizeMb: 70, core: true },
  { name: 'Microsoft Outlook', publisher: ms, versions: ['4.2451.1', '4.2450.2'], sizeMb: 240, core: true },
  { name: 'Microsoft Teams', publisher: ms, versions: ['1416/1.0.0.2024223001'], sizeMb: 290, share: 0.9 },
  { name: 'Microsoft Authenticator', publisher: ms, versions: ['6.2411.7437'], sizeMb: 95, share: 0.85 },
  { name: 'Microsoft Edge', publisher: ms, versions: ['131.0.2903.87'], sizeMb: 310, share: 0.5 },
  { name: 'Microsoft Defender: Antivirus', publisher: ms, versions: ['1.0.7226.0101'], sizeMb: 100, share: 0.4 },
];

export const ANDROID_APPS: Readonly<Record<'work' | 'dedicated' | 'legacy', readonly CatalogApp[]>> = {
  work: [
    ...AE_CORE,
    { name: 'Zoom Workplace', publisher: 'zoom.us', versions: ['6.3.1.25857'], sizeMb: 210, share: 0.3 },
    { name: 'Slack', publisher: 'Slack Technologies Inc.', versions: ['24.12.10.0'], sizeMb: 150, share: 0.2 },
    { name: 'Salesforce', publisher: 'Salesforce', versions: ['256.020'], sizeMb: 160, share: 0.2 },
    { name: 'Workday', publisher: 'Workday, Inc.', versions: ['2024.50.0'], sizeMb: 140, share: 0.25 },
    { name: '{org} Field Service', publisher: '{org}', versions: ['4.2.0'], sizeMb: 60, share: 0.3 },
  ],
  dedicated: [
    { name: 'Managed Home Screen', publisher: ms, versions: ['6.1.1101.0', '6.0.1211.1'], sizeMb: 45, core: true },
    { name: 'Microsoft Intune', publisher: ms, versions: ['24.11.0'], sizeMb: 60, core: true },
    { name: 'DataWedge', publisher: 'Zebra Technologies', versions: ['13.0.23'], sizeMb: 25, share: 0.5 },
    { name: 'StageNow', publisher: 'Zebra Technologies', versions: ['5.13.0.1'], sizeMb: 30, share: 0.4 },
    { name: 'Knox Service Plugin', publisher: 'Samsung Electronics Co., Ltd.', versions: ['1.4.05'], sizeMb: 20, share: 0.4 },
    { name: '{org} Warehouse Scanner', publisher: '{org}', versions: ['1.9.4', '1.9.2'], sizeMb: 35, core: true },
    { name: 'Google Chrome', publisher: 'Google LLC', versions: ['131.0.6778.135'], sizeMb: 230, share: 0.4 },
  ],
  legacy: [
    { name: 'Intune Company Portal', publisher: ms, versions: ['5.0.6507.0', '5.0.6235.0'], sizeMb: 70, core: true },
    { name: 'Microsoft Outlook', publisher: ms, versions: ['4.2451.1'], sizeMb: 240, share: 0.9 },
    { name: 'Microsoft Teams', publisher: ms, versions: ['1416/1.0.0.2024223001'], sizeMb: 290, share: 0.7 },
  ],
};
