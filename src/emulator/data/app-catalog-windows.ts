// Windows and web apps the IT department publishes through Intune, with the install
// commands, detection rules and return codes a real Win32 package carries.
import type { Json, MutableJsonObject } from '../graph/model/json.ts';
import type { AppSpec } from './app-catalog.ts';
import { tagged } from './records.ts';

const RETURN_CODES: readonly Json[] = [
  { returnCode: 0, type: 'success' },
  { returnCode: 1707, type: 'success' },
  { returnCode: 3010, type: 'softReboot' },
  { returnCode: 1641, type: 'hardReboot' },
  { returnCode: 1618, type: 'retry' },
];

interface Win32 {
  readonly fileName: string;
  readonly setup: string;
  readonly install: string;
  readonly uninstall: string;
  readonly version: string;
  readonly sizeMb: number;
  /** A file whose presence means "installed" or an MSI product code. */
  readonly detect: { readonly path: string; readonly file: string } | { readonly productCode: string };
}

function win32(w: Win32): MutableJsonObject {
  const rule = 'productCode' in w.detect
    ? tagged('win32LobAppProductCodeRule', { ruleType: 'detection', productCode: w.detect.productCode, productVersionOperator: 'greaterThanOrEqual', productVersion: w.version })
    : tagged('win32LobAppFileSystemRule', { ruleType: 'detection', path: w.detect.path, fileOrFolderName: w.detect.file, check32BitOn64System: false, operationType: 'exists', operator: 'notConfigured', comparisonValue: null });
  return {
    fileName: w.fileName,
    size: Math.round(w.sizeMb * 1048576),
    committedContentVersion: '1',
    setupFilePath: w.setup,
    installCommandLine: w.install,
    uninstallCommandLine: w.uninstall,
    applicableArchitectures: 'x64,x86',
    minimumSupportedWindowsRelease: '21H2',
    minimumFreeDiskSpaceInMB: null,
    minimumMemoryInMB: null,
    installExperience: { runAsAccount: 'system', deviceRestartBehavior: 'basedOnReturnCode' },
    returnCodes: RETURN_CODES,
    rules: [rule],
    displayVersion: w.version,
    allowAvailableUninstall: true,
  };
}

const msi = (code: string): { readonly productCode: string } => ({ productCode: code });

export const WINDOWS_APP_SPECS: readonly AppSpec[] = [
  { type: 'win32LobApp', displayName: '7-Zip 24.08 (x64)', publisher: '7-Zip', category: 'Computer management', description: 'File archiver with a high compression ratio.', targets: [['available', 'allUsers']],
    props: win32({ fileName: '7z2408-x64.intunewin', setup: '7z2408-x64.exe', install: '7z2408-x64.exe /S', uninstall: '"%ProgramFiles%\\7-Zip\\Uninstall.exe" /S', version: '24.08', sizeMb: 1.6, detect: { path: '%ProgramFiles%\\7-Zip', file: '7z.exe' } }) },
  { type: 'win32LobApp', displayName: 'Notepad++ 8.7.4', publisher: 'Notepad++ Team', category: 'Development & Design', description: 'Source code editor.', targets: [['available', 'engineering']],
    props: win32({ fileName: 'npp.8.7.4.Installer.x64.intunewin', setup: 'npp.8.7.4.Installer.x64.exe', install: 'npp.8.7.4.Installer.x64.exe /S', uninstall: '"%ProgramFiles%\\Notepad++\\uninstall.exe" /S', version: '8.7.4', sizeMb: 5.1, detect: { path: '%ProgramFiles%\\Notepad++', file: 'notepad++.exe' } }) },
  { type: 'win32LobApp', displayName: 'Google Chrome Enterprise', publisher: 'Google LLC', category: 'Productivity', description: 'Chrome browser for business, installed per machine.', targets: [['available', 'allUsers']],
    props: win32({ fileName: 'googlechromestandaloneenterprise64.intunewin', setup: 'googlechromestandaloneenterprise64.msi', install: 'msiexec /i "googlechromestandaloneenterprise64.msi" /qn', uninstall: 'msiexec /x "{8A69D345-D564-463C-AFF1-A69D9E530F96}" /qn', version: '131.0.6778.140', sizeMb: 118, detect: msi('{8A69D345-D564-463C-AFF1-A69D9E530F96}') }) },
  { type: 'win32LobApp', displayName: 'Zoom Workplace (64-bit)', publisher: 'Zoom Video Communications, Inc.', category: 'Collaboration & Social', description: 'Meetings and chat.', targets: [['available', 'allUsers']],
    props: win32({ fileName: 'ZoomInstallerFull.intunewin', setup: 'ZoomInstallerFull.msi', install: 'msiexec /i "ZoomInstallerFull.msi" /qn ZoomAutoUpdate=1', uninstall: 'msiexec /x "{6A4A5D4C-1F2B-4C3D-9E8F-0A1B2C3D4E5F}" /qn', version: '6.3.1.53549', sizeMb: 92, detect: msi('{6A4A5D4C-1F2B-4C3D-9E8F-0A1B2C3D4E5F}') }) },
  { type: 'win32LobApp', displayName: 'Adobe Acrobat Reader (64-bit)', publisher: 'Adobe', category: 'Productivity', description: 'View, print and comment on PDF files.', targets: [['required', 'windowsDevices']],
    props: win32({ fileName: 'AcroRdrDCx64.intunewin', setup: 'setup.exe', install: 'setup.exe /sAll /rs /msi EULA_ACCEPT=YES', uninstall: 'msiexec /x "{AC76BA86-1033-1033-7760-BC15014EA700}" /qn', version: '24.005.20320', sizeMb: 510, detect: msi('{AC76BA86-1033-1033-7760-BC15014EA700}') }) },
  { type: 'win32LobApp', displayName: 'Cisco Secure Client - AnyConnect VPN', publisher: 'Cisco Systems, Inc.', category: 'Business', description: 'Remote access VPN for staff outside the office.', targets: [['required', 'windowsDevices'], ['required', 'exclude:cloudPcs']],
    props: win32({ fileName: 'cisco-secure-client-win-5.1.6.103-core-vpn-predeploy-k9.intunewin', setup: 'cisco-secure-client-win-5.1.6.103-core-vpn-predeploy-k9.msi', install: 'msiexec /i "cisco-secure-client-win-5.1.6.103-core-vpn-predeploy-k9.msi" /qn /norestart', uninstall: 'msiexec /x "{B1A2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D}" /qn', version: '5.1.6.103', sizeMb: 24, detect: msi('{B1A2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D}') }) },
  { type: 'win32LobApp', displayName: 'Citrix Workspace 2409', publisher: 'Citrix Systems, Inc.', category: 'Business', description: 'Access to the finance virtual desktops.', targets: [['available', 'finance']],
    props: win32({ fileName: 'CitrixWorkspaceApp.intunewin', setup: 'CitrixWorkspaceApp.exe', install: 'CitrixWorkspaceApp.exe /silent /noreboot', uninstall: '"%ProgramFiles(x86)%\\Citrix\\Citrix Workspace 2409\\bin\\TrolleyExpress.exe" /uninstall /cleanup /silent', version: '24.9.0.133', sizeMb: 250, detect: { path: '%ProgramFiles(x86)%\\Citrix\\ICA Client', file: 'wfica32.exe' } }) },
  { type: 'win32LobApp', displayName: 'Visual Studio Code (System)', publisher: 'Microsoft Corporation', category: 'Development & Design', description: 'Code editor, machine-wide install.', targets: [['available', 'engineering']],
    props: win32({ fileName: 'VSCodeSetup-x64-1.96.2.intunewin', setup: 'VSCodeSetup-x64-1.96.2.exe', install: 'VSCodeSetup-x64-1.96.2.exe /VERYSILENT /MERGETASKS=!runcode', uninstall: '"%ProgramFiles%\\Microsoft VS Code\\unins000.exe" /VERYSILENT', version: '1.96.2', sizeMb: 98, detect: { path: '%ProgramFiles%\\Microsoft VS Code', file: 'Code.exe' } }) },
  { type: 'win32LobApp', displayName: 'Git for Windows', publisher: 'The Git Development Community', category: 'Development & Design', description: 'Distributed version control.', targets: [['available', 'engineering']],
    props: win32({ fileName: 'Git-2.47.1-64-bit.intunewin', setup: 'Git-2.47.1-64-bit.exe', install: 'Git-2.47.1-64-bit.exe /VERYSILENT /NORESTART', uninstall: '"%ProgramFiles%\\Git\\unins000.exe" /VERYSILENT', version: '2.47.1', sizeMb: 65, detect: { path: '%ProgramFiles%\\Git\\cmd', file: 'git.exe' } }) },
  { type: 'win32LobApp', displayName: 'SAP GUI for Windows 8.00', publisher: 'SAP SE', category: 'Business', description: 'Client for the ERP system.', targets: [['available', 'finance']],
    props: win32({ fileName: 'SAPGUI800_PL12.intunewin', setup: 'SapGuiSetup.exe', install: 'SapGuiSetup.exe /silent /package="Finance"', uninstall: '"%ProgramFiles(x86)%\\SAP\\SapSetup\\setup\\NwSapSetup.exe" /product="SAPGUI" /uninstall /silent', version: '8.00.12', sizeMb: 980, detect: { path: '%ProgramFiles(x86)%\\SAP\\FrontEnd\\SAPgui', file: 'saplogon.exe' } }) },
  { type: 'win32LobApp', displayName: 'Dell Command | Update', publisher: 'Dell Inc.', category: 'Computer management', description: 'Keeps BIOS and drivers current on Dell hardware.', targets: [['required', 'autopilotDevices']],
    props: win32({ fileName: 'Dell-Command-Update-Windows-Universal-Application_5.4.0.intunewin', setup: 'Dell-Command-Update-Windows-Universal-Application_5.4.0.exe', install: 'Dell-Command-Update-Windows-Universal-Application_5.4.0.exe /s', uninstall: 'msiexec /x "{E40C2C37-A1CE-4B2E-8E3A-1A2B3C4D5E6F}" /qn', version: '5.4.0', sizeMb: 34, detect: msi('{E40C2C37-A1CE-4B2E-8E3A-1A2B3C4D5E6F}') }) },
  { type: 'win32LobApp', displayName: 'Microsoft Teams (work or school)', publisher: 'Microsoft Corporation', category: 'Collaboration & Social', description: 'New Teams, provisioned machine-wide with the Teams bootstrapper.', targets: [['required', 'allDevices']],
    props: win32({ fileName: 'teamsbootstrapper.intunewin', setup: 'teamsbootstrapper.exe', install: 'teamsbootstrapper.exe -p', uninstall: 'teamsbootstrapper.exe -x', version: '24295.606.3238.6194', sizeMb: 2.1, detect: { path: '%ProgramFiles%\\WindowsApps', file: 'MSTeams_24295.606.3238.6194_x64__8wekyb3d8bbwe' } }) },
  { type: 'win32LobApp', displayName: '{org} Timesheet', publisher: '{org}', category: 'Line-of-business', description: 'Time tracking for all staff.', targets: [['required', 'allUsers']],
    props: win32({ fileName: 'Timesheet-3.4.2.intunewin', setup: 'Timesheet.msi', install: 'msiexec /i "Timesheet.msi" /qn', uninstall: 'msiexec /x "{3F2504E0-4F89-41D3-9A0C-0305E82C3301}" /qn', version: '3.4.2', sizeMb: 18, detect: msi('{3F2504E0-4F89-41D3-9A0C-0305E82C3301}') }) },
  { type: 'win32LobApp', displayName: '{org} VPN Client 2.2 (pilot)', publisher: '{org}', category: 'Line-of-business', description: 'Next VPN client build; uploading to the pilot ring.', state: 'processing', targets: [],
    props: win32({ fileName: 'VpnClient-2.2.0.intunewin', setup: 'VpnClient.msi', install: 'msiexec /i "VpnClient.msi" /qn', uninstall: 'msiexec /x "{7C9E6679-7425-40DE-944B-E07FC1F90AE7}" /qn', version: '2.2.0', sizeMb: 42, detect: msi('{7C9E6679-7425-40DE-944B-E07FC1F90AE7}') }) },
  { type: 'windowsMicrosoftEdgeApp', displayName: 'Microsoft Edge for Windows 10 and later', publisher: 'Microsoft', category: 'Productivity', description: 'Microsoft Edge, stable channel.', targets: [['required', 'allDevices']], props: { channel: 'stable', displayLanguageLocale: null } },
  { type: 'windowsMicrosoftEdgeApp', displayName: 'Microsoft Edge Beta', publisher: 'Microsoft', category: 'Productivity', description: 'Beta channel for the pilot ring.', targets: [['available', 'windowsPilot']], props: { channel: 'beta', displayLanguageLocale: 'en-US' } },
  { type: 'microsoftStoreForBusinessApp', displayName: 'Company Portal', publisher: 'Microsoft Corporation', category: 'Computer management', description: 'Install apps and manage your devices.', featured: true, targets: [['required', 'allDevices']],
    props: { packageIdentityName: 'Microsoft.CompanyPortal', licenseType: 'offline', productKey: '9WZDNCRFJ3PZ/0016', totalLicenseCount: 0, usedLicenseCount: 0 } },
  { type: 'microsoftStoreForBusinessApp', displayName: 'Microsoft Whiteboard', publisher: 'Microsoft Corporation', category: 'Collaboration & Social', description: 'Freeform digital canvas.', targets: [['available', 'allUsers']],
    props: { packageIdentityName: 'Microsoft.Whiteboard', licenseType: 'online', productKey: '9MSPC6MP8FM4/0010', totalLicenseCount: 500, usedLicenseCount: 212 } },
  { type: 'microsoftStoreForBusinessApp', displayName: 'Microsoft To Do: Lists, Tasks & Reminders', publisher: 'Microsoft Corporation', category: 'Productivity', description: 'Task lists.', targets: [['available', 'allUsers']],
    props: { packageIdentityName: 'Microsoft.Todos', licenseType: 'online', productKey: '9NBLGGH5R558/0010', totalLicenseCount: 1000, usedLicenseCount: 388 } },
  { type: 'windowsUniversalAppX', displayName: '{org} Kiosk Shell', publisher: '{org}', category: 'Line-of-business', description: 'Full-screen kiosk browser for lobby devices.', targets: [['required', 'kioskDevices']],
    props: { fileName: 'KioskShell_1.6.0.0_x64.msixbundle', size: 24117248, committedContentVersion: '3', applicableArchitectures: 'x64', applicableDeviceTypes: 'desktop', identityName: '{org}.KioskShell', identityPublisherHash: '8wekyb3d8bbwe', identityResourceIdentifier: null, identityVersion: '1.6.0.0', isBundle: true, minimumSupportedOperatingSystem: { v8_0: false, v8_1: false, v10_0: true } } },
  { type: 'windowsMobileMSI', displayName: '{org} Expenses (legacy)', publisher: '{org}', category: 'Line-of-business', description: 'Old expenses client; being replaced by the web app.', targets: [['uninstall', 'allDevices']],
    props: { fileName: 'Expenses-2.9.msi', size: 8388608, committedContentVersion: '1', commandLine: '/qn', productCode: '{1B3C5D7E-9F01-4A23-B456-7C89D0E1F2A3}', productVersion: '2.9.1', ignoreVersionDetection: false } },
  { type: 'webApp', displayName: '{org} Intranet', publisher: '{org}', category: 'Business', description: 'News, people and policies.', featured: true, targets: [['available', 'allUsers']], props: { appUrl: 'https://intranet.{domain}', useManagedBrowser: true } },
  { type: 'webApp', displayName: 'Workday', publisher: 'Workday, Inc.', category: 'Business', description: 'Pay slips, time off and benefits.', targets: [['available', 'allUsers']], props: { appUrl: 'https://www.myworkday.com/{orgLower}', useManagedBrowser: true } },
  { type: 'webApp', displayName: 'IT Self-Service', publisher: '{org}', category: 'Computer management', description: 'Report a problem or request software.', targets: [['available', 'allUsers']], props: { appUrl: 'https://{orgLower}.service-now.com/sp', useManagedBrowser: false } },
  { type: 'webApp', displayName: 'Microsoft 365', publisher: 'Microsoft', category: 'Productivity', description: 'Office on the web.', targets: [['available', 'allUsers']], props: { appUrl: 'https://www.office.com', useManagedBrowser: false } },
];

export const WINDOWS_INSTALL_SETTINGS: Json = tagged('win32LobAppAssignmentSettings', {
  notifications: 'showAll',
  deliveryOptimizationPriority: 'notConfigured',
  installTimeSettings: null,
  restartSettings: null,
});
