// Chat Starter on Azure App Service, signed in with a user-assigned managed identity: no client
// secret or certificate anywhere. Shaped like the Teams/M365 Agents Toolkit's bot templates
// (infra/azure.bicep + azure.parameters.json + botRegistration/azurebot.bicep), deployable with
// the Azure CLI alone (docs/deploy.md):
//   az deployment group create -g <rg> --template-file infra/azure.bicep --parameters @infra/azure.parameters.json
// Outputs are named for the env/.env.<name> variables they fill (m365agents.yml writes them back).
// Checked by test/infra/*.test.ts; no Bicep compiler ran on it where it was written.

@maxLength(20)
@minLength(4)
@description('Used to name every resource (storage account names drop the hyphens).')
param resourceBaseName string

@description('Region of the App Service, storage and monitoring resources.')
param location string = resourceGroup().location

@description('App Service plan SKU (Linux). B1 holds up to 3 instances; S1 or P0v3 for more.')
param webAppSku string = 'B1'

@minValue(1)
@maxValue(30)
@description('Instances of the bot. More than one shares state through the storage account.')
param instanceCount int = 2

@maxLength(42)
@description('The bot\'s name in the Azure Bot resource.')
param botDisplayName string

@description('The Teams app\'s manifest id (TEAMS_APP_ID): the kickoff card finds the app in the org catalog by it.')
param teamsAppId string

@allowed([
  'on'
  'off'
])
@description('The kickoff card in each new chat (KICKOFF).')
param kickoff string = 'on'

@description('Grant the bot identity its Microsoft Graph application permissions in this deployment (Microsoft Graph Bicep extension). Only a Privileged Role Administrator or Global Administrator can deploy it; when false, an admin runs the commands in docs/deploy.md.')
param grantGraphPermissions bool = false

@description('Blob container for the bot\'s shared state (STATE_BLOB_CONTAINER).')
param stateContainerName string = 'chat-starter-state'

@description('Days Log Analytics keeps the bot\'s logs and telemetry.')
param logRetentionDays int = 30

var serverfarmsName = resourceBaseName
var webAppName = resourceBaseName
var identityName = resourceBaseName
var storageAccountName = take(toLower(replace('${resourceBaseName}state', '-', '')), 24)
// Built-in role "Storage Blob Data Contributor".
var storageBlobDataContributorRoleId = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
// The Graph application permissions the bot uses (README, "Configuration"): GroupMember.Read.All
// for groups named as people; the kickoff card needs the last two. Member.Read.Hidden (hidden
// group memberships) is optional and left to an admin.
var graphAppRoles = kickoff == 'on'
  ? [
      'Chat.Create'
      'User.Read.All'
      'GroupMember.Read.All'
      'TeamsAppInstallation.ReadWriteSelfForChat.All'
      'AppCatalog.Read.All'
    ]
  : [
      'Chat.Create'
      'User.Read.All'
      'GroupMember.Read.All'
    ]

// The bot's identity for the Bot Framework, Microsoft Graph and Blob storage.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  location: location
  name: identityName
}

// Telemetry's home: Application Insights on a Log Analytics workspace. The web app gets its
// connection string as the app setting APPLICATIONINSIGHTS_CONNECTION_STRING (src/config/telemetryConfig.ts),
// and the workbook over it is deployed next to it (monitoring/workbook.bicep).
resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: resourceBaseName
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: resourceBaseName
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
  }
}

// Shared state (request claims, quotas) for several instances: no shared key, so only
// identities with a data role reach it; no anonymous access; TLS 1.2 at least.
resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource stateContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: stateContainerName
  properties: {
    publicAccess: 'None'
  }
}

// Least privilege: the data role on the one container the bot uses, for its identity only.
resource stateContainerRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: stateContainer
  name: guid(stateContainer.id, identity.id, storageBlobDataContributorRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributorRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource serverfarm 'Microsoft.Web/serverfarms@2022-09-01' = {
  kind: 'linux'
  location: location
  name: serverfarmsName
  sku: {
    name: webAppSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2022-09-01' = {
  kind: 'app,linux'
  location: location
  name: webAppName
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|24-lts'
      appCommandLine: 'npm start'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      healthCheckPath: '/healthz'
      // Only variables the bot reads (src/config): test/infra/azureBicep.test.ts checks it.
      appSettings: [
        {
          name: 'NODE_ENV'
          value: 'production'
        }
        {
          name: 'BOT_ID'
          value: identity.properties.clientId
        }
        {
          name: 'BOT_TYPE'
          value: 'UserAssignedMsi'
        }
        {
          name: 'BOT_TENANT_ID'
          value: identity.properties.tenantId
        }
        {
          name: 'AZURE_TENANT_ID'
          value: identity.properties.tenantId
        }
        {
          name: 'AZURE_CLIENT_ID'
          value: identity.properties.clientId
        }
        {
          name: 'STATE_BLOB_ACCOUNT_URL'
          value: storage.properties.primaryEndpoints.blob
        }
        {
          name: 'STATE_BLOB_CONTAINER'
          value: stateContainerName
        }
        {
          name: 'STATE_BLOB_CLIENT_ID'
          value: identity.properties.clientId
        }
        {
          name: 'KICKOFF'
          value: kickoff
        }
        {
          name: 'TEAMS_APP_ID'
          value: teamsAppId
        }
        {
          // Turns telemetry on (docs/telemetry.md): traces, metrics and warn+ logs to Application Insights.
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
      ]
    }
  }
  dependsOn: [
    stateContainerRole
  ]
}

// Registers the bot with the Bot Framework (Azure Bot, user-assigned managed identity) and turns
// on its Microsoft Teams channel.
module azureBotRegistration './botRegistration/azurebot.bicep' = {
  name: 'Azure-Bot-registration'
  params: {
    resourceBaseName: resourceBaseName
    identityClientId: identity.properties.clientId
    identityResourceId: identity.id
    identityTenantId: identity.properties.tenantId
    botAppDomain: webApp.properties.defaultHostName
    botDisplayName: botDisplayName
  }
}

// The Graph application permissions, as app role assignments on the identity's service principal.
module graphPermissions './graphPermissions/graphPermissions.bicep' = if (grantGraphPermissions) {
  name: 'Graph-permissions'
  params: {
    principalId: identity.properties.principalId
    appRoles: graphAppRoles
  }
}

// The Chat Starter workbook (docs/telemetry.md): chats per hour, refusals by reason, Graph
// throttling, p95 time to the chat link, over this Application Insights resource.
module workbook './monitoring/workbook.bicep' = {
  name: 'Chat-Starter-workbook'
  params: {
    location: location
    applicationInsightsId: appInsights.id
    displayName: '${botDisplayName} telemetry'
  }
}

// The names are the env/.env.<name> variables they fill.
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output BOT_TYPE string = 'UserAssignedMsi'
output AZURE_TENANT_ID string = identity.properties.tenantId
output BOT_IDENTITY_PRINCIPAL_ID string = identity.properties.principalId
output STATE_BLOB_ACCOUNT_URL string = storage.properties.primaryEndpoints.blob
output APPLICATIONINSIGHTS_RESOURCE_ID string = appInsights.id
output LOG_ANALYTICS_WORKSPACE_ID string = logAnalytics.id
output CHAT_STARTER_WORKBOOK_ID string = workbook.outputs.workbookId
