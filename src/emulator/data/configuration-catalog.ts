// Device configuration profiles a Windows estate typically runs. The schema's one concrete
// configuration type is windows10GeneralConfiguration (device restrictions), so each profile
// is one of those with the handful of its 280 settings the profile is about.
import type { MutableJsonObject } from '../graph/model/json.ts';
import type { TargetRef } from './app-catalog.ts';
import { tagged } from './records.ts';

export interface ConfigurationSpec {
  readonly name: string;
  readonly description: string;
  readonly targets: readonly TargetRef[];
  readonly settings: MutableJsonObject;
}

export const CONFIGURATION_SPECS: readonly ConfigurationSpec[] = [
  { name: 'Windows - Device restrictions - Baseline', description: 'Password, sideloading and account settings for every corporate PC.', targets: ['windowsDevices', 'exclude:kioskDevices'],
    settings: { passwordRequired: true, passwordMinimumLength: 8, passwordRequiredType: 'alphanumeric', passwordBlockSimple: true, passwordMinutesOfInactivityBeforeScreenTimeout: 15, passwordRequireWhenResumeFromIdleState: true, passwordExpirationDays: null, passwordPreviousPasswordBlockCount: 5, passwordSignInFailureCountBeforeFactoryReset: 10, settingsBlockAddProvisioningPackage: true, settingsBlockRemoveProvisioningPackage: true, developerUnlockSetting: 'blocked', appsAllowTrustedAppsSideloading: 'allowed', microsoftAccountBlocked: true, deviceManagementBlockManualUnenroll: true, certificatesBlockManualRootCertificateInstallation: true } },
  { name: 'Windows - Microsoft Defender Antivirus', description: 'Real-time protection, cloud protection and the daily scan.', targets: ['windowsDevices'],
    settings: { defenderRequireRealTimeMonitoring: true, defenderRequireBehaviorMonitoring: true, defenderRequireCloudProtection: true, defenderRequireNetworkInspectionSystem: true, defenderCloudBlockLevel: 'high', defenderCloudExtendedTimeoutInSeconds: 50, defenderScanType: 'quick', defenderSystemScanSchedule: 'everyday', defenderScheduledScanTime: '02:00:00.0000000', defenderScheduledQuickScanTime: '12:00:00.0000000', defenderSignatureUpdateIntervalInHours: 4, defenderScanArchiveFiles: true, defenderScanDownloads: true, defenderScanIncomingMail: true, defenderScanRemovableDrivesDuringFullScan: true, defenderScanScriptsLoadedInInternetExplorer: true, defenderScanMaxCpu: 50, defenderMonitorFileActivity: 'monitorAllFiles', defenderPromptForSampleSubmission: 'promptBeforeSendingPersonalData', defenderPotentiallyUnwantedAppAction: 'block', defenderDaysBeforeDeletingQuarantinedMalware: 30, defenderBlockEndUserAccess: false, defenderProcessesToExclude: ['sqlservr.exe'], defenderFileExtensionsToExclude: [], defenderFilesAndFoldersToExclude: ['C:\\ProgramData\\{org}\\Cache'], defenderDetectedMalwareActions: { lowSeverity: 'clean', moderateSeverity: 'quarantine', highSeverity: 'remove', severeSeverity: 'remove' } } },
  { name: 'Windows - Edge (legacy) browser settings', description: 'Kept for Windows 10 devices that still run EdgeHTML components.', targets: ['windowsDevices'],
    settings: { edgeBlockPopups: true, edgeRequireSmartScreen: true, edgeCookiePolicy: 'blockThirdParty', edgeHomepageUrls: ['https://intranet.{domain}'], edgeBlockPasswordManager: false, edgeBlockSendingDoNotTrackHeader: false, edgeSearchEngine: tagged('edgeSearchEngine', { edgeSearchEngineType: 'bing' }), edgeFirstRunUrl: 'https://intranet.{domain}/welcome', edgeDisableFirstRunPage: true } },
  { name: 'Windows - Start menu and taskbar', description: 'Pinned folders for a consistent Start menu.', targets: ['windowsDevices'],
    settings: { startMenuPinnedFolderDocuments: 'show', startMenuPinnedFolderDownloads: 'show', startMenuPinnedFolderFileExplorer: 'show', startMenuPinnedFolderSettings: 'show', startMenuPinnedFolderMusic: 'hide', startMenuPinnedFolderVideos: 'hide', startMenuAppListVisibility: 'userDefined', startMenuMode: 'userDefined', startBlockUnpinningAppsFromTaskbar: false } },
  { name: 'Windows - Privacy', description: 'Advertising ID, activity history and telemetry level.', targets: ['windowsDevices'],
    settings: { privacyAdvertisingId: 'blocked', privacyBlockInputPersonalization: true, privacyAutoAcceptPairingAndConsentPrompts: false, privacyBlockActivityFeed: true, privacyBlockPublishUserActivities: true, diagnosticsDataSubmissionMode: 'basic', locationServicesBlocked: false } },
  { name: 'Windows - Spotlight and consumer experiences', description: 'No consumer suggestions or third-party tips.', targets: ['windowsDevices'],
    settings: { windowsSpotlightBlockConsumerSpecificFeatures: true, windowsSpotlightBlockThirdPartyNotifications: true, windowsSpotlightBlockWindowsTips: true, windowsSpotlightBlockTailoredExperiences: true, windowsSpotlightBlockWelcomeExperience: true, windowsSpotlightConfigureOnLockScreen: 'disabled' } },
  { name: 'Windows - Search and Cortana', description: 'Local search only; no Cortana on the lock screen.', targets: ['windowsDevices'],
    settings: { cortanaBlocked: true, lockScreenBlockCortana: true, searchDisableIndexingEncryptedItems: true, searchDisableIndexingRemovableDrive: true, searchEnableRemoteQueries: false, searchBlockWebResults: true } },
  { name: 'Windows - Microsoft Store', description: 'Private store only; apps come from Company Portal.', targets: ['windowsDevices'],
    settings: { windowsStoreEnablePrivateStoreOnly: true, windowsStoreBlockAutoUpdate: false, appsBlockWindowsStoreOriginatedApps: false, gameDvrBlocked: true } },
  { name: 'Windows - Removable storage (Finance)', description: 'No USB mass storage on Finance devices.', targets: ['finance'],
    settings: { storageBlockRemovableStorage: true, usbBlocked: false } },
  { name: 'Windows - Bluetooth', description: 'Bluetooth on, but not discoverable and no advertising.', targets: ['windowsDevices'],
    settings: { bluetoothBlocked: false, bluetoothBlockDiscoverableMode: true, bluetoothBlockAdvertising: true, bluetoothBlockPrePairing: true, bluetoothBlockPromptedProximalConnections: true } },
  { name: 'Windows - Lock screen and wallpaper', description: 'Corporate wallpaper; no notifications on the lock screen.', targets: ['windowsDevices'],
    settings: { lockScreenBlockActionCenterNotifications: true, lockScreenBlockToastNotifications: true, lockScreenAllowTimeoutConfiguration: false, personalizationLockScreenImageUrl: 'https://intranet.{domain}/branding/lockscreen.jpg', personalizationDesktopImageUrl: 'https://intranet.{domain}/branding/wallpaper.jpg' } },
  { name: 'Windows 365 - Network proxy', description: 'Cloud PCs go out through the corporate proxy.', targets: ['cloudPcs'],
    settings: { networkProxyApplySettingsDeviceWide: true, networkProxyDisableAutoDetect: true, networkProxyAutomaticConfigurationUrl: 'http://proxy.corp.{domain}/proxy.pac', networkProxyServer: { address: 'proxy.corp.{domain}:8080', exceptions: ['*.{domain}', '10.*'], useForLocalAddresses: false } } },
  { name: 'Windows - Kiosk lockdown', description: 'Lobby and shop-floor kiosks: no settings, no task manager, no sign-out.', targets: ['kioskDevices'],
    settings: { settingsBlockSettingsApp: true, taskManagerBlockEndTask: true, startMenuHidePowerButton: true, startMenuHideShutDown: true, startMenuHideSignOut: true, startMenuHideUserTile: true, startMenuHideSwitchAccount: true, cameraBlocked: true, edgeKioskModeRestriction: 'publicBrowsingSingleApp', edgeKioskResetAfterIdleTimeInMinutes: 5 } },
  { name: 'Windows - Power settings', description: 'Laptops sleep on lid close when on battery.', targets: ['windowsDevices', 'exclude:kioskDevices'],
    settings: { powerLidCloseActionOnBattery: 'sleep', powerLidCloseActionPluggedIn: 'noAction', powerButtonActionOnBattery: 'sleep', powerButtonActionPluggedIn: 'sleep', powerHybridSleepPluggedIn: 'enabled', energySaverOnBatteryThresholdPercentage: 20 } },
  { name: 'Windows - Wi-Fi and cellular', description: 'No automatic hotspot connections or roaming data.', targets: ['windowsDevices'],
    settings: { wiFiBlockAutomaticConnectHotspots: true, wiFiBlockManualConfiguration: false, internetSharingBlocked: true, cellularBlockDataWhenRoaming: true, cellularBlockVpnWhenRoaming: false, cellularData: 'allowed' } },
  { name: 'Windows - SmartScreen', description: 'SmartScreen warnings cannot be bypassed.', targets: ['windowsDevices'],
    settings: { smartScreenEnableAppInstallControl: false, smartScreenAppInstallControl: 'recommendations', smartScreenBlockPromptOverride: true, smartScreenBlockPromptOverrideForFiles: true } },
  { name: 'Windows - Sign-in experience', description: 'Web sign-in and the preferred tenant domain on the sign-in screen.', targets: ['windowsDevices'],
    settings: { logonBlockFastUserSwitching: false, authenticationAllowSecondaryDevice: true, authenticationWebSignIn: 'enabled', authenticationPreferredAzureADTenantDomainName: '{domain}' } },
  { name: 'Windows - OneDrive and settings sync', description: 'OneDrive sync on; no Microsoft account settings sync.', targets: ['windowsDevices'],
    settings: { oneDriveDisableFileSync: false, microsoftAccountBlockSettingsSync: true, experienceDoNotSyncBrowserSettings: 'blocked' } },
  { name: 'Windows - Universal Print discovery', description: 'Cloud print discovery endpoint for the offices.', targets: ['windowsDevices'],
    settings: { enterpriseCloudPrintDiscoveryEndPoint: 'https://cloudprinterdiscovery.{domain}', enterpriseCloudPrintOAuthAuthority: 'https://login.microsoftonline.com/{tenantId}', enterpriseCloudPrintOAuthClientIdentifier: '{printClientId}', enterpriseCloudPrintResourceIdentifier: 'http://MicrosoftEnterpriseCloudPrint/CloudPrint', enterpriseCloudPrintMopriaDiscoveryResourceIdentifier: 'http://MopriaDiscoveryService/CloudPrint', enterpriseCloudPrintDiscoveryMaxLimit: 20 } },
  { name: 'Windows - Shared printers', description: 'Floor printers, with the default set per office.', targets: ['windowsDevices', 'exclude:cloudPcs'],
    settings: { printerNames: ['\\\\print01.corp.{domain}\\Floor2-Color', '\\\\print01.corp.{domain}\\Floor3-BW'], printerDefaultName: '\\\\print01.corp.{domain}\\Floor2-Color', printerBlockAddition: true } },
  { name: 'Windows - Time zone (EMEA)', description: 'Central European time for EMEA staff devices.', targets: ['emeaUsers'],
    settings: { configureTimeZone: 'W. Europe Standard Time' } },
  { name: 'Windows - Developer workstations', description: 'Developer mode and sideloading for engineers.', targets: ['engineering'],
    settings: { developerUnlockSetting: 'allowed', appsAllowTrustedAppsSideloading: 'allowed', settingsBlockAddProvisioningPackage: false, passwordMinutesOfInactivityBeforeScreenTimeout: 30 } },
  { name: 'Windows - Screen capture (Finance)', description: 'Blocks screen capture on Finance devices.', targets: ['finance'],
    settings: { screenCaptureBlocked: true, copyPasteBlocked: false } },
  { name: 'Pilot - Windows restrictions ring 0', description: 'Settings under evaluation by IT before broad rollout.', targets: ['windowsPilot'],
    settings: { uninstallBuiltInApps: true, edgeBlockPrelaunch: true, findMyFiles: 'enabled', microsoftAccountSignInAssistantSettings: 'disabled' } },
  { name: 'Windows - Legacy device restrictions (do not assign)', description: 'Replaced by the baseline profile; kept for reference.', targets: [],
    settings: { cameraBlocked: false, storageRequireMobileDeviceEncryption: true, passwordRequired: true, passwordMinimumLength: 6 } },
];
