#!/usr/bin/env python3
"""Generates the ferry-emulator org files (stdlib only, deterministic output).

    python3 resources/demo/make_org.py                  # writes both files below
    python3 resources/demo/make_org.py --org demo       # resources/demo/org.json
    python3 resources/demo/make_org.py --org wide       # tests/data/emulator/org-wide.json
    python3 resources/demo/make_org.py --check          # exit 1 if a committed file is stale/invalid

The output has the shape a real org returns for
    GET /api/data/v9.2/EntityDefinitions?$expand=Attributes,Keys
(plus each entity's relationship collections, the top-level "RelationshipDefinitions" and
"GlobalOptionSetDefinitions", and an "x-ferry-emulator" section that only the emulator reads),
so that a metadata snapshot of a real org loads the same way. Real-shape details that a loader
must tolerate, copied from the captured real metadata in ../shared/fixtures:
  * Uniqueidentifier attributes carry no "@odata.type" (they are the base AttributeMetadata);
  * Customer and Owner attributes use "#Microsoft.Dynamics.CRM.LookupAttributeMetadata";
  * ownerid relationships reference the abstract "owner" entity, which is not in EntityDefinitions;
  * custom lookups navigate by their SchemaName ("ferry_ArtistId@odata.bind"), system ones by
    their logical name ("parentcustomerid_account@odata.bind", "primarycontactid@odata.bind").
Every MetadataId is uuid5(namespace, "<kind>:<name>") so re-running the script changes nothing.
"""

import argparse
import json
import os
import sys
import uuid

NS = uuid.uuid5(uuid.NAMESPACE_URL, "https://ferry.invalid/emulator/org-metadata")
LCID = 1033
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT_DEMO = os.path.join(ROOT, "resources", "demo", "org.json")
OUT_WIDE = os.path.join(ROOT, "tests", "data", "emulator", "org-wide.json")

# Relationship ids copied from the captured real org (dataverse-relationshipdefinitions-sample.json).
REAL_RELATIONSHIP_IDS = {
    "contact_customer_accounts": "dc9b80f8-c781-46d8-9fd6-a3b610836975",
    "account_parent_account": "57511732-b553-4cfb-bcf2-d280f9f8c6f1",
}


def mid(*parts):
    return str(uuid.uuid5(NS, ":".join(parts)))


def label(text, owner, managed=False):
    if text is None:
        return {"LocalizedLabels": [], "UserLocalizedLabel": None}
    loc = {"Label": text, "LanguageCode": LCID, "IsManaged": managed,
           "MetadataId": mid("label", owner, text), "HasChanged": None}
    return {"LocalizedLabels": [loc], "UserLocalizedLabel": dict(loc)}


def managed_bool(value, name, can_change=True):
    return {"Value": value, "CanBeChanged": can_change, "ManagedPropertyLogicalName": name}


def title_from(logical):
    words = logical.replace("ferry_", "").replace("_", " ").split()
    return " ".join(w.capitalize() for w in words) or logical


# --------------------------------------------------------------------------------------------
# Column specification
# --------------------------------------------------------------------------------------------

class Col:
    """One column. kind: string memo int bigint decimal double money bool datetime picklist
    state status lookup customer owner uid."""

    def __init__(self, logical, kind, schema=None, display=None, required="None", create=True,
                 update=True, read=True, **spec):
        self.logical = logical
        self.kind = kind
        self.schema = schema
        self.display = display
        self.required = required
        self.create = create
        self.update = update
        self.read = read
        self.spec = spec


TYPE_INFO = {
    # kind: (AttributeType, AttributeTypeName, @odata.type or None)
    "string": ("String", "StringType", "StringAttributeMetadata"),
    "memo": ("Memo", "MemoType", "MemoAttributeMetadata"),
    "int": ("Integer", "IntegerType", "IntegerAttributeMetadata"),
    "bigint": ("BigInt", "BigIntType", "BigIntAttributeMetadata"),
    "decimal": ("Decimal", "DecimalType", "DecimalAttributeMetadata"),
    "double": ("Double", "DoubleType", "DoubleAttributeMetadata"),
    "money": ("Money", "MoneyType", "MoneyAttributeMetadata"),
    "bool": ("Boolean", "BooleanType", "BooleanAttributeMetadata"),
    "datetime": ("DateTime", "DateTimeType", "DateTimeAttributeMetadata"),
    "picklist": ("Picklist", "PicklistType", "PicklistAttributeMetadata"),
    "state": ("State", "StateType", "StateAttributeMetadata"),
    "status": ("Status", "StatusType", "StatusAttributeMetadata"),
    "lookup": ("Lookup", "LookupType", "LookupAttributeMetadata"),
    "customer": ("Customer", "CustomerType", "LookupAttributeMetadata"),
    "owner": ("Owner", "OwnerType", "LookupAttributeMetadata"),
    "uid": ("Uniqueidentifier", "UniqueidentifierType", None),
}


# Schema names of the system columns, spelled as a real org spells them.
SYSTEM_SCHEMA = {n.lower(): n for n in [
    "AccountId", "ContactId", "SystemUserId", "TeamId", "Name", "AccountNumber", "Telephone1",
    "Fax", "Revenue", "CreditLimit", "CreditOnHold", "Description", "IndustryCode",
    "CustomerTypeCode", "AccountCategoryCode", "ParentAccountId", "PrimaryContactId", "FullName",
    "FirstName", "MiddleName", "LastName", "JobTitle", "MobilePhone", "BirthDate",
    "PreferredContactMethodCode", "GenderCode", "ParentCustomerId", "CreatedOn", "ModifiedOn",
    "VersionNumber", "CreatedBy", "ModifiedBy", "OwnerId", "StateCode", "StatusCode",
    "OverriddenCreatedOn", "ImportSequenceNumber", "TeamType", "IsDefault", "IsDisabled"]}

# Words for PascalCasing custom names (longest match first), the way a maker would type them.
WORDS = sorted(["artist", "album", "genre", "media", "type", "track", "playlist", "employee",
                "invoice", "line", "number", "id", "name", "title", "customer", "support", "rep",
                "reports", "to", "birth", "hire", "date", "first", "last", "address", "city",
                "state", "country", "postal", "code", "phone", "fax", "email", "region",
                "composer", "milliseconds", "bytes", "unit", "price", "quantity", "total",
                "billing", "tier", "company", "text", "int", "decimal", "money", "flag",
                "choice", "notes", "wide", "record"], key=len, reverse=True)


def pascal(text):
    out, i = [], 0
    while i < len(text):
        if text[i] == "_":
            out.append("_")
            i += 1
            continue
        for w in WORDS:
            if text.startswith(w, i):
                out.append(w.capitalize())
                i += len(w)
                break
        else:
            j = i
            while j < len(text) and text[j].isdigit():
                j += 1
            if j == i:
                j = i + 1
            out.append(text[i:j].upper() if j == i + 1 else text[i:j])
            i = j
    return "".join(out)


def custom_schema(logical):
    return "ferry_" + pascal(logical[len("ferry_"):])


def schema_for(entity, col):
    if col.schema:
        return col.schema
    if col.logical.startswith("ferry_"):
        return custom_schema(col.logical)
    return SYSTEM_SCHEMA.get(col.logical) or pascal(col.logical)


def option(value, text, owner, extra=None):
    o = {"Value": value, "Label": label(text, owner), "Description": label(None, owner),
         "Color": None, "IsManaged": False, "ExternalValue": None, "ParentValues": [],
         "MetadataId": None, "HasChanged": None}
    if extra:
        o = dict(extra, **o)
    return o


def attribute(entity, col, pos):
    atype, tname, otype = TYPE_INFO[col.kind]
    owner = entity.logical + "." + col.logical
    a = {}
    if otype:
        a["@odata.type"] = "#Microsoft.Dynamics.CRM." + otype
    is_pk = col.logical == entity.pk
    is_name = col.logical == entity.name_attr
    a.update({
        "LogicalName": col.logical,
        "SchemaName": schema_for(entity, col),
        "EntityLogicalName": entity.logical,
        "AttributeType": atype,
        "AttributeTypeName": {"Value": tname},
        "AttributeOf": None,
        "ColumnNumber": pos,
        "DisplayName": label(col.display or title_from(col.logical), owner + ".display"),
        "Description": label(None, owner + ".description"),
        "RequiredLevel": {"Value": col.required,
                          "CanBeChanged": not (is_pk or col.required == "SystemRequired"),
                          "ManagedPropertyLogicalName": "canmodifyrequirementlevelsettings"},
        "IsPrimaryId": is_pk,
        "IsPrimaryName": is_name,
        "IsCustomAttribute": col.logical.startswith("ferry_"),
        "IsValidForCreate": col.create,
        "IsValidForUpdate": col.update,
        "IsValidForRead": col.read,
        "IsValidForAdvancedFind": managed_bool(col.read, "canmodifysearchsettings"),
        "IsLogical": False,
        "IsManaged": not entity.custom and not col.logical.startswith("ferry_"),
        "IsCustomizable": managed_bool(True, "iscustomizable", False),
        "IsAuditEnabled": managed_bool(True, "canmodifyauditsettings"),
        "IsSecured": False,
        "SourceType": 0,
        "IntroducedVersion": "1.0.0.0",
        "MetadataId": mid("attribute", entity.logical, col.logical),
        "HasChanged": None,
    })
    s = col.spec
    k = col.kind
    if k == "string":
        a["MaxLength"] = s.get("max", 100)
        a["DatabaseLength"] = a["MaxLength"] * 2
        fmt = s.get("format", "Text")
        a["Format"] = fmt
        a["FormatName"] = {"Value": fmt}
        a["ImeMode"] = "Auto"
        a["IsLocalizable"] = False
        a["YomiOf"] = None
    elif k == "memo":
        a["MaxLength"] = s.get("max", 2000)
        a["Format"] = "TextArea"
        a["FormatName"] = {"Value": "TextArea"}
        a["ImeMode"] = "Auto"
    elif k == "int":
        a["MinValue"] = s.get("min", -2147483648)
        a["MaxValue"] = s.get("max", 2147483647)
        a["Format"] = s.get("format", "None")
    elif k == "bigint":
        a["MinValue"] = -9223372036854775808
        a["MaxValue"] = 9223372036854775807
    elif k == "decimal":
        a["Precision"] = s.get("precision", 2)
        a["MinValue"] = s.get("min", -100000000000)
        a["MaxValue"] = s.get("max", 100000000000)
        a["ImeMode"] = "Auto"
    elif k == "double":
        a["Precision"] = s.get("precision", 2)
        a["MinValue"] = s.get("min", -100000000000.0)
        a["MaxValue"] = s.get("max", 100000000000.0)
        a["ImeMode"] = "Auto"
    elif k == "money":
        a["Precision"] = s.get("precision", 2)
        a["PrecisionSource"] = s.get("precisionSource", 2)
        a["MinValue"] = s.get("min", -922337203685477.0)
        a["MaxValue"] = s.get("max", 922337203685477.0)
        a["IsBaseCurrency"] = False
        a["CalculationOf"] = None
        a["ImeMode"] = "Auto"
    elif k == "datetime":
        behavior = s.get("behavior", "UserLocal")
        fmt = "DateOnly" if behavior == "DateOnly" else s.get("format", "DateAndTime")
        a["Format"] = fmt
        a["DateTimeBehavior"] = {"Value": behavior}
        a["CanChangeDateTimeBehavior"] = managed_bool(behavior == "UserLocal",
                                                      "canchangedatetimebehavior")
        a["MinSupportedValue"] = "1753-01-01T00:00:00Z"
        a["MaxSupportedValue"] = "9999-12-30T23:59:59Z"
        a["ImeMode"] = "Auto"
    elif k == "bool":
        name = entity.logical + "_" + col.logical
        t, f = s.get("labels", ("Yes", "No"))
        a["DefaultValue"] = s.get("default", False)
        a["OptionSet"] = {
            "TrueOption": option(1, t, owner + ".true"),
            "FalseOption": option(0, f, owner + ".false"),
            "Name": name, "IsGlobal": False, "IsCustomOptionSet": entity.custom,
            "IsManaged": not entity.custom, "OptionSetType": "Boolean",
            "DisplayName": label(col.display or title_from(col.logical), owner + ".os"),
            "Description": label(None, owner + ".os.description"),
            "IntroducedVersion": "1.0.0.0", "MetadataId": mid("optionset", name), "HasChanged": None,
        }
    elif k == "picklist":
        a["DefaultFormValue"] = s.get("default", -1)
        gname = s.get("globalset")
        if gname:
            a["OptionSet"] = dict(GLOBAL_OPTION_SETS[gname])
        else:
            name = entity.logical + "_" + col.logical
            a["OptionSet"] = {
                "Options": [option(v, t, owner + "." + str(v)) for v, t in s["options"]],
                "Name": name, "IsGlobal": False, "IsCustomOptionSet": entity.custom,
                "IsManaged": not entity.custom, "OptionSetType": "Picklist",
                "DisplayName": label(col.display or title_from(col.logical), owner + ".os"),
                "Description": label(None, owner + ".os.description"),
                "ParentOptionSetName": None, "ExternalTypeName": None,
                "IntroducedVersion": "1.0.0.0", "MetadataId": mid("optionset", name),
                "HasChanged": None,
            }
    elif k == "state":
        name = entity.logical + "_statecode"
        a["DefaultFormValue"] = None
        a["OptionSet"] = {
            "Options": [option(0, "Active", owner + ".0",
                               {"@odata.type": "#Microsoft.Dynamics.CRM.StateOptionMetadata",
                                "DefaultStatus": 1, "InvariantName": "Active"}),
                        option(1, "Inactive", owner + ".1",
                               {"@odata.type": "#Microsoft.Dynamics.CRM.StateOptionMetadata",
                                "DefaultStatus": 2, "InvariantName": "Inactive"})],
            "Name": name, "IsGlobal": False, "IsCustomOptionSet": False, "IsManaged": True,
            "OptionSetType": "State", "DisplayName": label("Status", owner + ".os"),
            "Description": label(None, owner + ".os.description"),
            "IntroducedVersion": "1.0.0.0", "MetadataId": mid("optionset", name), "HasChanged": None,
        }
    elif k == "status":
        name = entity.logical + "_statuscode"
        a["DefaultFormValue"] = -1
        a["OptionSet"] = {
            "Options": [option(1, "Active", owner + ".1",
                               {"@odata.type": "#Microsoft.Dynamics.CRM.StatusOptionMetadata",
                                "State": 0, "TransitionData": None}),
                        option(2, "Inactive", owner + ".2",
                               {"@odata.type": "#Microsoft.Dynamics.CRM.StatusOptionMetadata",
                                "State": 1, "TransitionData": None})],
            "Name": name, "IsGlobal": False, "IsCustomOptionSet": False, "IsManaged": True,
            "OptionSetType": "Status", "DisplayName": label("Status Reason", owner + ".os"),
            "Description": label(None, owner + ".os.description"),
            "IntroducedVersion": "1.0.0.0", "MetadataId": mid("optionset", name), "HasChanged": None,
        }
    elif k in ("lookup", "customer", "owner"):
        a["Targets"] = list(s["targets"])
        a["Format"] = "None"
    return a


# --------------------------------------------------------------------------------------------
# Global option sets
# --------------------------------------------------------------------------------------------

def global_option_set(name, display, options):
    return {
        "@odata.type": "#Microsoft.Dynamics.CRM.OptionSetMetadata",
        "Options": [option(v, t, "global." + name + "." + str(v)) for v, t in options],
        "Name": name, "IsGlobal": True, "IsCustomOptionSet": True, "IsManaged": False,
        "OptionSetType": "Picklist", "DisplayName": label(display, "global." + name),
        "Description": label(None, "global." + name + ".description"),
        "ParentOptionSetName": None, "ExternalTypeName": None, "IntroducedVersion": "1.0.0.0",
        "IsCustomizable": managed_bool(True, "iscustomizable"),
        "MetadataId": mid("optionset", name), "HasChanged": None,
    }


GLOBAL_OPTION_SETS = {
    "ferry_customertier": global_option_set(
        "ferry_customertier", "Customer tier",
        [(100000000, "Bronze"), (100000001, "Silver"), (100000002, "Gold"), (100000003, "Platinum")]),
    "ferry_region": global_option_set(
        "ferry_region", "Sales region",
        [(100000000, "North America"), (100000001, "South America"), (100000002, "Europe"),
         (100000003, "Asia Pacific"), (100000004, "Other")]),
}


# --------------------------------------------------------------------------------------------
# Entities
# --------------------------------------------------------------------------------------------

class Entity:
    def __init__(self, logical, display, plural, otc, pk, name_attr, columns, custom, keys=(),
                 set_name=None, ownership="UserOwned", system_cols="full", intersect=False,
                 schema=None, description=None):
        self.logical = logical
        self.display = display
        self.plural = plural
        self.otc = otc
        self.pk = pk
        self.name_attr = name_attr
        self.custom = custom
        self.keys = list(keys)  # (logical, [attrs])
        self.set_name = set_name or (logical + "s")
        self.ownership = ownership
        self.intersect = intersect
        self.schema = schema or (custom_schema(logical) if custom else
                                 {"systemuser": "SystemUser"}.get(logical, logical.capitalize()))
        self.description = description
        self.columns = self._with_system_columns(columns, system_cols)

    def _with_system_columns(self, columns, system_cols):
        cols = [Col(self.pk, "uid", display=self.display, required="SystemRequired", update=False)]
        cols += columns
        cols += [
            Col("createdon", "datetime", display="Created On", create=False, update=False),
            Col("modifiedon", "datetime", display="Modified On", create=False, update=False),
            Col("versionnumber", "bigint", display="Version Number", create=False, update=False),
        ]
        if system_cols in ("full", "wide"):
            cols += [
                Col("createdby", "lookup", display="Created By", create=False, update=False,
                    targets=["systemuser"]),
                Col("modifiedby", "lookup", display="Modified By", create=False, update=False,
                    targets=["systemuser"]),
                Col("ownerid", "owner", display="Owner", required="SystemRequired",
                    targets=["systemuser", "team"]),
                Col("statecode", "state", display="Status", required="SystemRequired"),
                Col("statuscode", "status", display="Status Reason"),
            ]
        if system_cols == "full":
            cols += [
                # Migrations set the historical creation date through this column.
                Col("overriddencreatedon", "datetime", display="Record Created On", update=False,
                    behavior="UserLocal", format="DateOnly"),
                Col("importsequencenumber", "int", display="Import Sequence Number", update=False),
            ]
        return cols

    def column(self, logical):
        for c in self.columns:
            if c.logical == logical:
                return c
        return None


def S(logical, max_len, **kw):
    return Col(logical, "string", max=max_len, **kw)


def address_cols(prefix, custom=False):
    if custom:
        return [S(prefix + "address", 250, display="Address"), S(prefix + "city", 80, display="City"),
                S(prefix + "state", 50, display="State/Province"),
                S(prefix + "country", 80, display="Country/Region"),
                S(prefix + "postalcode", 20, display="ZIP/Postal Code")]
    return [S("address1_line1", 250, schema="Address1_Line1", display="Address 1: Street 1"),
            S("address1_line2", 250, schema="Address1_Line2", display="Address 1: Street 2"),
            S("address1_city", 80, schema="Address1_City", display="Address 1: City"),
            S("address1_stateorprovince", 50, schema="Address1_StateOrProvince",
              display="Address 1: State/Province"),
            S("address1_postalcode", 20, schema="Address1_PostalCode",
              display="Address 1: ZIP/Postal Code"),
            S("address1_country", 80, schema="Address1_Country",
              display="Address 1: Country/Region"),
            Col("address1_latitude", "double", schema="Address1_Latitude",
                display="Address 1: Latitude", precision=5, min=-90.0, max=90.0),
            Col("address1_longitude", "double", schema="Address1_Longitude",
                display="Address 1: Longitude", precision=5, min=-180.0, max=180.0)]


INDUSTRY = [(1, "Accounting"), (2, "Agriculture and Non-petrol Natural Resource Extraction"),
            (3, "Broadcasting Printing and Publishing"), (4, "Brokers"),
            (5, "Building Supply Retail"), (6, "Business Services"), (7, "Consulting"),
            (8, "Consumer Services"), (9, "Design, Direction and Creative Management"),
            (10, "Distributors, Dispatchers and Processors"), (11, "Doctor's Offices and Clinics"),
            (12, "Durable Manufacturing"), (13, "Eating and Drinking Places"),
            (14, "Entertainment Retail"), (15, "Equipment Rental and Leasing"), (16, "Financial"),
            (17, "Food and Tobacco Processing"), (18, "Inbound Capital Intensive Processing"),
            (19, "Inbound Repair and Services"), (20, "Insurance"), (21, "Legal Services"),
            (22, "Non-Durable Merchandise Retail"), (23, "Outbound Consumer Service"),
            (24, "Petrochemical Extraction and Distribution"), (25, "Service Retail"),
            (26, "SIG Affiliations"), (27, "Social Services"),
            (28, "Special Outbound Trade Contractors"), (29, "Specialty Realty"),
            (30, "Transportation"), (31, "Utility Creation and Distribution"),
            (32, "Vehicle Retail"), (33, "Wholesale")]
CUSTOMER_TYPE = [(1, "Competitor"), (2, "Consultant"), (3, "Customer"), (4, "Investor"),
                 (5, "Partner"), (6, "Influencer"), (7, "Press"), (8, "Prospect"), (9, "Reseller"),
                 (10, "Supplier"), (11, "Vendor"), (12, "Other")]


def demo_entities():
    account = Entity(
        "account", "Account", "Accounts", 1, "accountid", "name", custom=False,
        columns=[
            S("name", 160, display="Account Name", required="ApplicationRequired"),
            S("accountnumber", 20, display="Account Number"),
            S("telephone1", 50, format="Phone", display="Main Phone"),
            S("fax", 50, format="Phone", display="Fax"),
            S("emailaddress1", 100, format="Email", schema="EMailAddress1", display="Email"),
            S("websiteurl", 200, format="Url", schema="WebSiteURL", display="Website"),
        ] + address_cols("") + [
            Col("revenue", "money", display="Annual Revenue", min=0.0, max=100000000000000.0),
            Col("creditlimit", "money", display="Credit Limit", min=0.0, max=100000000000000.0),
            Col("numberofemployees", "int", schema="NumberOfEmployees",
                display="Number of Employees", min=0, max=1000000000),
            Col("creditonhold", "bool", display="Credit Hold"),
            Col("donotemail", "bool", schema="DoNotEMail", display="Do not allow Emails",
                labels=("Do Not Allow", "Allow")),
            Col("description", "memo", display="Description", max=2000),
            Col("industrycode", "picklist", display="Industry", options=INDUSTRY),
            Col("customertypecode", "picklist", display="Relationship Type", options=CUSTOMER_TYPE),
            Col("accountcategorycode", "picklist", display="Category",
                options=[(1, "Preferred Customer"), (2, "Standard")]),
            Col("ferry_tier", "picklist", display="Tier", globalset="ferry_customertier"),
            Col("parentaccountid", "lookup", display="Parent Account", targets=["account"]),
            Col("primarycontactid", "lookup", display="Primary Contact", targets=["contact"]),
        ],
        keys=[("ferry_accountnumber", ["accountnumber"])],
        description="Business that represents a customer or potential customer.")

    contact = Entity(
        "contact", "Contact", "Contacts", 2, "contactid", "fullname", custom=False,
        columns=[
            # fullname is composed by the platform from firstname/lastname.
            S("fullname", 160, display="Full Name", create=False, update=False),
            S("firstname", 50, display="First Name", required="Recommended"),
            S("middlename", 50, display="Middle Name"),
            S("lastname", 50, display="Last Name", required="ApplicationRequired"),
            S("jobtitle", 100, display="Job Title"),
            S("emailaddress1", 100, format="Email", schema="EMailAddress1", display="Email"),
            S("emailaddress2", 100, format="Email", schema="EMailAddress2",
              display="Email Address 2"),
            S("telephone1", 50, format="Phone", display="Business Phone"),
            S("mobilephone", 50, format="Phone", display="Mobile Phone"),
            S("fax", 50, format="Phone", display="Fax"),
            S("ferry_company", 80, display="Company (legacy text)"),
        ] + address_cols("") + [
            Col("birthdate", "datetime", display="Birthday", behavior="DateOnly"),
            Col("creditlimit", "money", display="Credit Limit", min=0.0, max=100000000000000.0),
            Col("creditonhold", "bool", display="Credit Hold"),
            Col("donotemail", "bool", schema="DoNotEMail", display="Do not allow Emails",
                labels=("Do Not Allow", "Allow")),
            Col("description", "memo", display="Description", max=2000),
            Col("preferredcontactmethodcode", "picklist", display="Preferred Method of Contact",
                options=[(1, "Any"), (2, "Email"), (3, "Phone"), (4, "Fax"), (5, "Mail")],
                default=1),
            Col("gendercode", "picklist", display="Gender", options=[(1, "Male"), (2, "Female")]),
            Col("ferry_tier", "picklist", display="Tier", globalset="ferry_customertier"),
            Col("parentcustomerid", "customer", display="Company Name",
                targets=["account", "contact"]),
            # Chinook Customer.CustomerId and Customer.SupportRepId land here.
            Col("ferry_customernumber", "int", display="Legacy Customer Number", min=0),
            Col("ferry_supportrepid", "lookup", display="Support Rep", targets=["ferry_employee"]),
        ],
        keys=[("ferry_emailaddress1", ["emailaddress1"]),
              ("ferry_emailaddress1_lastname", ["emailaddress1", "lastname"]),
              ("ferry_customernumber", ["ferry_customernumber"])],
        description="Person with whom a business unit has a relationship.")

    systemuser = Entity(
        "systemuser", "User", "Users", 8, "systemuserid", "fullname", custom=False,
        ownership="BusinessOwned", system_cols="min",
        columns=[
            S("fullname", 200, display="Full Name", create=False, update=False),
            S("firstname", 64, display="First Name"),
            S("lastname", 64, display="Last Name", required="ApplicationRequired"),
            S("internalemailaddress", 100, format="Email", schema="InternalEMailAddress",
              display="Primary Email"),
            S("domainname", 1024, schema="DomainName", display="User Name",
              required="SystemRequired"),
            S("applicationid", 100, display="Application ID", schema="ApplicationId",
              create=False, update=False),
            Col("isdisabled", "bool", display="Status", labels=("Disabled", "Enabled"),
                create=False, update=False),
        ],
        description="Person with access to the Microsoft CRM system and who owns objects.")

    team = Entity(
        "team", "Team", "Teams", 9, "teamid", "name", custom=False, ownership="BusinessOwned",
        system_cols="min",
        columns=[
            S("name", 160, display="Team Name", required="SystemRequired"),
            Col("teamtype", "picklist", display="Team Type",
                options=[(0, "Owner"), (1, "Access"), (2, "Security Group"), (3, "Office Group")],
                default=0),
            S("emailaddress", 100, format="Email", schema="EMailAddress", display="Email"),
            Col("description", "memo", display="Description", max=2000),
            Col("isdefault", "bool", display="Is Default", create=False, update=False),
        ],
        description="Collection of system users that routinely collaborate.")

    def named(logical, display, plural, otc, name_len, number_attr, extra, name_attr="ferry_name",
              required="ApplicationRequired", description=None):
        return Entity(
            logical, display, plural, otc, logical + "id", name_attr, custom=True,
            columns=[S(name_attr, name_len, display="Name" if name_attr == "ferry_name"
                       else title_from(name_attr), required=required),
                     Col(number_attr, "int", display="Legacy " + display + " Id", min=0)] + extra,
            keys=[(number_attr, [number_attr])], set_name=logical + "s",
            description=description)

    artist = named("ferry_artist", "Artist", "Artists", 10001, 160, "ferry_artistnumber", [],
                   description="Chinook Artist.")
    album = named("ferry_album", "Album", "Albums", 10002, 160, "ferry_albumnumber", [
        Col("ferry_artistid", "lookup", display="Artist", targets=["ferry_artist"],
            required="ApplicationRequired"),
    ], name_attr="ferry_title", description="Chinook Album.")
    genre = named("ferry_genre", "Genre", "Genres", 10003, 120, "ferry_genrenumber", [],
                  description="Chinook Genre.")
    mediatype = named("ferry_mediatype", "Media Type", "Media Types", 10004, 120,
                      "ferry_mediatypenumber", [], description="Chinook MediaType.")
    track = named("ferry_track", "Track", "Tracks", 10005, 200, "ferry_tracknumber", [
        Col("ferry_albumid", "lookup", display="Album", targets=["ferry_album"]),
        Col("ferry_genreid", "lookup", display="Genre", targets=["ferry_genre"]),
        Col("ferry_mediatypeid", "lookup", display="Media Type", targets=["ferry_mediatype"],
            required="ApplicationRequired"),
        S("ferry_composer", 250, display="Composer"),
        Col("ferry_milliseconds", "int", display="Duration (ms)", min=0,
            required="ApplicationRequired"),
        Col("ferry_bytes", "int", display="Size (bytes)", min=0),
        Col("ferry_unitprice", "money", display="Unit Price", precision=2, precisionSource=0,
            min=0.0, max=1000000.0, required="ApplicationRequired"),
    ], description="Chinook Track.")
    playlist = named("ferry_playlist", "Playlist", "Playlists", 10006, 120, "ferry_playlistnumber",
                     [], description="Chinook Playlist (tracks through the N:N ferry_playlist_track).")
    employee = named("ferry_employee", "Employee", "Employees", 10007, 100,
                     "ferry_employeenumber", [
                         S("ferry_firstname", 50, display="First Name"),
                         S("ferry_lastname", 50, display="Last Name",
                           required="ApplicationRequired"),
                         S("ferry_title", 100, display="Title"),
                         Col("ferry_reportstoid", "lookup", display="Reports To",
                             targets=["ferry_employee"]),
                         Col("ferry_birthdate", "datetime", display="Birth Date",
                             behavior="DateOnly"),
                         Col("ferry_hiredate", "datetime", display="Hire Date",
                             behavior="TimeZoneIndependent"),
                     ] + address_cols("ferry_", custom=True) + [
                         S("ferry_phone", 50, format="Phone", display="Phone"),
                         S("ferry_fax", 50, format="Phone", display="Fax"),
                         S("ferry_email", 100, format="Email", display="Email"),
                         Col("ferry_region", "picklist", display="Region", globalset="ferry_region"),
                     ], description="Chinook Employee (self-referencing ReportsTo).")
    invoice = named("ferry_invoice", "Invoice", "Invoices", 10008, 100, "ferry_invoicenumber", [
        Col("ferry_customerid", "lookup", display="Customer", targets=["contact"],
            required="ApplicationRequired"),
        Col("ferry_invoicedate", "datetime", display="Invoice Date", required="ApplicationRequired"),
        S("ferry_billingaddress", 250, display="Billing Address"),
        S("ferry_billingcity", 80, display="Billing City"),
        S("ferry_billingstate", 50, display="Billing State"),
        S("ferry_billingcountry", 80, display="Billing Country"),
        S("ferry_billingpostalcode", 20, display="Billing Postal Code"),
        Col("ferry_total", "money", display="Total", precision=2, precisionSource=0, min=0.0,
            max=100000000.0, required="ApplicationRequired"),
    ], required="None", description="Chinook Invoice (has a simulated synchronous plug-in).")
    invoiceline = named("ferry_invoiceline", "Invoice Line", "Invoice Lines", 10009, 100,
                        "ferry_invoicelinenumber", [
                            Col("ferry_invoiceid", "lookup", display="Invoice",
                                targets=["ferry_invoice"], required="ApplicationRequired"),
                            Col("ferry_trackid", "lookup", display="Track",
                                targets=["ferry_track"], required="ApplicationRequired"),
                            Col("ferry_unitprice", "money", display="Unit Price", precision=2,
                                precisionSource=0, min=0.0, max=1000000.0,
                                required="ApplicationRequired"),
                            Col("ferry_quantity", "int", display="Quantity", min=0,
                                max=1000000, required="ApplicationRequired"),
                        ], required="None", description="Chinook InvoiceLine.")
    # The N:N intersect table, as a real org lists it (IsIntersect: true, no owner or state).
    playlist_track = Entity(
        "ferry_playlist_track", "ferry_playlist_track", "ferry_playlist_track", 10010,
        "ferry_playlist_trackid", None, custom=True, ownership="None", system_cols="min",
        intersect=True, set_name="ferry_playlist_trackset", schema="ferry_playlist_track",
        columns=[
            Col("ferry_playlistid", "uid", display="ferry_playlistid", create=False, update=False),
            Col("ferry_trackid", "uid", display="ferry_trackid", create=False, update=False),
        ])
    entities = [account, contact, systemuser, team, artist, album, genre, mediatype, track,
                playlist, playlist_track, employee, invoice, invoiceline]

    one_to_many = [
        # (schema, referenced entity, referencing entity, referencing attribute,
        #  referenced nav prop, referencing nav prop)
        ("contact_customer_accounts", "account", "contact", "parentcustomerid",
         "contact_customer_accounts", "parentcustomerid_account"),
        ("contact_customer_contacts", "contact", "contact", "parentcustomerid",
         "contact_customer_contacts", "parentcustomerid_contact"),
        ("account_parent_account", "account", "account", "parentaccountid",
         "account_parent_account", "parentaccountid"),
        ("account_primary_contact", "contact", "account", "primarycontactid",
         "account_primary_contact", "primarycontactid"),
        ("ferry_contact_supportrepid", "ferry_employee", "contact", "ferry_supportrepid",
         "ferry_contact_supportrepid", "ferry_SupportRepId"),
        ("ferry_album_artistid", "ferry_artist", "ferry_album", "ferry_artistid",
         "ferry_album_artistid", "ferry_ArtistId"),
        ("ferry_track_albumid", "ferry_album", "ferry_track", "ferry_albumid",
         "ferry_track_albumid", "ferry_AlbumId"),
        ("ferry_track_genreid", "ferry_genre", "ferry_track", "ferry_genreid",
         "ferry_track_genreid", "ferry_GenreId"),
        ("ferry_track_mediatypeid", "ferry_mediatype", "ferry_track", "ferry_mediatypeid",
         "ferry_track_mediatypeid", "ferry_MediaTypeId"),
        ("ferry_employee_reportstoid", "ferry_employee", "ferry_employee", "ferry_reportstoid",
         "ferry_employee_reportstoid", "ferry_ReportsToId"),
        ("ferry_invoice_customerid", "contact", "ferry_invoice", "ferry_customerid",
         "ferry_invoice_customerid", "ferry_CustomerId"),
        ("ferry_invoiceline_invoiceid", "ferry_invoice", "ferry_invoiceline", "ferry_invoiceid",
         "ferry_invoiceline_invoiceid", "ferry_InvoiceId"),
        ("ferry_invoiceline_trackid", "ferry_track", "ferry_invoiceline", "ferry_trackid",
         "ferry_invoiceline_trackid", "ferry_TrackId"),
    ]
    many_to_many = [
        # (schema, entity1, entity2, intersect, entity1 attr, entity2 attr)
        ("ferry_playlist_track", "ferry_playlist", "ferry_track", "ferry_playlist_track",
         "ferry_playlistid", "ferry_trackid"),
    ]
    return entities, one_to_many, many_to_many


def wide_entities():
    cols = [S("ferry_name", 100, display="Name", required="ApplicationRequired"),
            S("ferry_code", 40, display="Code", required="ApplicationRequired")]
    for i, n in enumerate([10, 20, 40, 50, 80, 100, 160, 200, 250, 400], start=1):
        cols.append(S("ferry_text%02d" % i, n, display="Text %02d" % i))
    for i, (lo, hi) in enumerate([(-2147483648, 2147483647), (0, 2147483647), (0, 100),
                                  (-1000, 1000), (0, 1000000000), (1, 12)], start=1):
        cols.append(Col("ferry_int%02d" % i, "int", display="Whole %02d" % i, min=lo, max=hi))
    for i, p in enumerate([2, 4, 0, 10], start=1):
        cols.append(Col("ferry_decimal%02d" % i, "decimal", display="Decimal %02d" % i,
                        precision=p))
    for i in range(1, 5):
        cols.append(Col("ferry_money%02d" % i, "money", display="Money %02d" % i,
                        precision=2 if i != 4 else 4, precisionSource=0 if i != 2 else 2))
    for i in range(1, 5):
        cols.append(Col("ferry_flag%02d" % i, "bool", display="Flag %02d" % i))
    for i, b in enumerate(["DateOnly", "DateOnly", "UserLocal", "TimeZoneIndependent"], start=1):
        cols.append(Col("ferry_date%02d" % i, "datetime", display="Date %02d" % i, behavior=b))
    cols.append(Col("ferry_choice01", "picklist", display="Choice 01",
                    options=[(100000000, "Alpha"), (100000001, "Beta"), (100000002, "Gamma")]))
    cols.append(Col("ferry_choice02", "picklist", display="Choice 02",
                    options=[(100000000 + i, "Option %d" % i) for i in range(10)]))
    cols.append(Col("ferry_choice03", "picklist", display="Choice 03",
                    globalset="ferry_region"))
    cols.append(Col("ferry_notes", "memo", display="Notes", max=4000))
    assert len(cols) == 38, len(cols)
    wide = Entity("ferry_widerecord", "Wide Record", "Wide Records", 10100, "ferry_widerecordid",
                  "ferry_name", custom=True, columns=cols, system_cols="wide",
                  keys=[("ferry_code", ["ferry_code"])],
                  description="38 writable columns of every common type; emulator benchmark.")
    systemuser, team = [e for e in demo_entities()[0] if e.logical in ("systemuser", "team")]
    return [systemuser, team, wide], [], []


# --------------------------------------------------------------------------------------------
# Relationships
# --------------------------------------------------------------------------------------------

# Cascade settings as the captured real org has them (contact_customer_accounts deletes the
# contacts of a deleted account!); custom lookups use the maker default "Referential, Remove Link",
# except invoice lines, which belong to their invoice (parental).
CASCADE = {
    "contact_customer_accounts": {"Assign": "Cascade", "Delete": "Cascade", "Archive": "NoCascade",
                                  "Merge": "Cascade", "Reparent": "Cascade", "Share": "Cascade",
                                  "Unshare": "Cascade", "RollupView": "NoCascade"},
    "contact_customer_contacts": {"Assign": "Cascade", "Delete": "Cascade", "Archive": "NoCascade",
                                  "Merge": "Cascade", "Reparent": "Cascade", "Share": "Cascade",
                                  "Unshare": "Cascade", "RollupView": "NoCascade"},
    "account_parent_account": {"Assign": "Cascade", "Delete": "RemoveLink", "Archive": "NoCascade",
                               "Merge": "Cascade", "Reparent": "Cascade", "Share": "Cascade",
                               "Unshare": "Cascade", "RollupView": "NoCascade"},
    "ferry_invoiceline_invoiceid": {"Assign": "Cascade", "Delete": "Cascade",
                                    "Archive": "NoCascade", "Merge": "NoCascade",
                                    "Reparent": "Cascade", "Share": "Cascade",
                                    "Unshare": "Cascade", "RollupView": "NoCascade"},
}


def menu(order):
    return {"Behavior": "UseCollectionName", "Group": "Details", "Order": order,
            "IsCustomizable": True, "Icon": None, "ViewId": "00000000-0000-0000-0000-000000000000",
            "AvailableOffline": True, "MenuId": None, "QueryApi": None,
            "Label": {"LocalizedLabels": [], "UserLocalizedLabel": None}}


def one_to_many_rel(schema, referenced, referenced_pk, referencing, attr, ref_nav, ing_nav,
                    custom, hierarchical=False, cascade_delete="RemoveLink"):
    return {
        "ReferencedAttribute": referenced_pk,
        "ReferencedEntity": referenced,
        "ReferencingAttribute": attr,
        "ReferencingEntity": referencing,
        "IsHierarchical": hierarchical,
        "EntityKey": None,
        "IsRelationshipAttributeDenormalized": False,
        "ReferencedEntityNavigationPropertyName": ref_nav,
        "ReferencingEntityNavigationPropertyName": ing_nav,
        "RelationshipBehavior": 1 if not custom else 0,
        "IsDenormalizedLookup": None,
        "DenormalizedAttributeName": None,
        "IsCustomRelationship": custom,
        "IsValidForAdvancedFind": True,
        "SchemaName": schema,
        "SecurityTypes": "Append",
        "IsManaged": not custom,
        "RelationshipType": "OneToManyRelationship",
        "IntroducedVersion": "1.0.0.0",
        "MetadataId": REAL_RELATIONSHIP_IDS.get(schema, mid("relationship", schema)),
        "HasChanged": None,
        "AssociatedMenuConfiguration": menu(10000),
        "CascadeConfiguration": CASCADE.get(schema, {
            "Assign": "NoCascade", "Delete": cascade_delete, "Archive": "NoCascade",
            "Merge": "NoCascade", "Reparent": "NoCascade", "Share": "NoCascade",
            "Unshare": "NoCascade", "RollupView": "NoCascade"}),
        "RelationshipAttributes": [],
        "IsCustomizable": managed_bool(True, "iscustomizable", False),
    }


def many_to_many_rel(schema, e1, e2, intersect, a1, a2):
    return {
        "Entity1LogicalName": e1,
        "Entity2LogicalName": e2,
        "IntersectEntityName": intersect,
        "Entity1IntersectAttribute": a1,
        "Entity2IntersectAttribute": a2,
        # Real orgs name both sides after the relationship unless it is self-referencing.
        "Entity1NavigationPropertyName": schema,
        "Entity2NavigationPropertyName": schema,
        "Entity1AssociatedMenuConfiguration": menu(10000),
        "Entity2AssociatedMenuConfiguration": menu(10000),
        "IsCustomRelationship": True,
        "IsValidForAdvancedFind": True,
        "SchemaName": schema,
        "SecurityTypes": "None",
        "IsManaged": False,
        "RelationshipType": "ManyToManyRelationship",
        "IntroducedVersion": "1.0.0.0",
        "MetadataId": mid("relationship", schema),
        "HasChanged": None,
        "IsCustomizable": managed_bool(True, "iscustomizable", False),
    }


# --------------------------------------------------------------------------------------------
# Document
# --------------------------------------------------------------------------------------------

def entity_json(e, attrs):
    return {
        "@odata.type": "#Microsoft.Dynamics.CRM.EntityMetadata",
        "MetadataId": mid("entity", e.logical),
        "LogicalName": e.logical,
        "SchemaName": e.schema,
        "EntitySetName": e.set_name,
        "LogicalCollectionName": e.set_name if not e.intersect else None,
        "CollectionSchemaName": (e.schema + "s") if not e.intersect else None,
        "ObjectTypeCode": e.otc,
        "PrimaryIdAttribute": e.pk,
        "PrimaryNameAttribute": e.name_attr,
        "PrimaryImageAttribute": None,
        "DisplayName": label(e.display, "entity." + e.logical),
        "DisplayCollectionName": label(e.plural, "entity." + e.logical + ".plural"),
        "Description": label(e.description, "entity." + e.logical + ".description"),
        "IsCustomEntity": e.custom,
        "IsManaged": not e.custom,
        "IsCustomizable": managed_bool(True, "iscustomizable", e.custom),
        "OwnershipType": e.ownership,
        "IsActivity": False,
        "IsActivityParty": False,
        "IsIntersect": e.intersect,
        "IsLogicalEntity": False,
        "IsPrivate": False,
        "TableType": "Standard",
        "IsOptimisticConcurrencyEnabled": True,
        "ChangeTrackingEnabled": False,
        "IsAuditEnabled": managed_bool(False, "canmodifyauditsettings"),
        "IsValidForAdvancedFind": not e.intersect,
        "HasNotes": False,
        "HasActivities": False,
        "IntroducedVersion": "1.0.0.0",
        "HasChanged": None,
        "Attributes": attrs,
        "Keys": [{
            "LogicalName": k,
            "SchemaName": k,
            "EntityLogicalName": e.logical,
            "KeyAttributes": list(ka),
            "DisplayName": label(" + ".join(ka) + " key", "key." + e.logical + "." + k),
            "EntityKeyIndexStatus": "Active",
            "AsyncJob": None,
            "IsManaged": False,
            "IsCustomizable": managed_bool(True, "iscustomizable"),
            "IsExportKey": False,
            "IsSecondaryKey": False,
            "IsSynchronous": False,
            "IntroducedVersion": "1.0.0.0",
            "MetadataId": mid("key", e.logical, k),
            "HasChanged": None,
        } for k, ka in e.keys],
        "ManyToOneRelationships": [],
        "OneToManyRelationships": [],
        "ManyToManyRelationships": [],
    }


APP_USERS = [
    ("ferry-migration-1", "Ferry Migration 1"),
    ("ferry-migration-2", "Ferry Migration 2"),
    ("ferry-migration-3", "Ferry Migration 3"),
]
PEOPLE = [
    ("Ada", "Lovelace", "ada.lovelace@ferry-demo.example"),
    ("Grace", "Hopper", "grace.hopper@ferry-demo.example"),
    ("Alan", "Turing", "alan.turing@ferry-demo.example"),
    ("Jane", "Peacock", "jane@chinookcorp.com"),
    ("Margaret", "Park", "margaret@chinookcorp.com"),
    ("Steve", "Johnson", "steve@chinookcorp.com"),
]


def emulator_section(org_key, org_name, unique, plugin_tables):
    return {
        "organization": {
            "id": mid("organization", org_key),
            "name": org_name,
            "uniqueName": unique,
            "businessUnitId": mid("businessunit", org_key),
        },
        # Application users: the engine spreads load over several of them (limits are per user).
        "appUsers": [{
            "tenant": "ferry-demo",
            "clientId": mid("appuser", client),
            "clientSecret": "demo-secret-" + client.rsplit("-", 1)[1],
            "userId": mid("systemuser", client),
            "name": name,
        } for client, name in APP_USERS],
        # People for owner mapping (ownerid binds to /systemusers(<id>)).
        "systemUsers": [{
            "systemuserid": mid("systemuser", email),
            "firstname": first,
            "lastname": last,
            "fullname": first + " " + last,
            "internalemailaddress": email,
            "domainname": email,
        } for first, last, email in PEOPLE],
        "teams": [{"teamid": mid("team", org_key, "default"), "name": org_name,
                   "teamtype": 0, "isdefault": True}],
        # Tables with a simulated synchronous plug-in (cost model; fault rules may target them).
        "pluginTables": list(plugin_tables),
    }


def build(kind):
    if kind == "demo":
        entities, o2m, m2m = demo_entities()
        section = emulator_section("demo", "Ferry Demo", "ferrydemo", ["ferry_invoice"])
    else:
        entities, o2m, m2m = wide_entities()
        section = emulator_section("wide", "Ferry Wide", "ferrywide", [])
    by_name = {e.logical: e for e in entities}

    docs = {}
    for e in entities:
        attrs = [attribute(e, c, i + 1) for i, c in enumerate(e.columns)]
        docs[e.logical] = entity_json(e, attrs)

    rels = []
    for schema, referenced, referencing, attr, ref_nav, ing_nav in o2m:
        rels.append(one_to_many_rel(schema, referenced, by_name[referenced].pk, referencing, attr,
                                    ref_nav, ing_nav, custom=schema.startswith("ferry_"),
                                    hierarchical=(referenced == referencing
                                                  and attr != "parentcustomerid")))
    # Owner, createdby and modifiedby relationships, as every real user-owned table has them.
    for e in entities:
        if e.column("ownerid"):
            rels.append(one_to_many_rel("owner_" + e.set_name, "owner", "ownerid", e.logical,
                                        "ownerid", "owner_" + e.set_name, "ownerid",
                                        custom=False, cascade_delete="Restrict"))
        for by in ("createdby", "modifiedby"):
            if e.column(by):
                schema = "lk_%s_%s" % (e.logical, by)
                rels.append(one_to_many_rel(schema, "systemuser", "systemuserid", e.logical, by,
                                            schema, by, custom=False,
                                            cascade_delete="NoCascade"))
    for r in rels:
        ref = docs.get(r["ReferencedEntity"])
        if ref is not None:
            ref["OneToManyRelationships"].append(r)
        docs[r["ReferencingEntity"]]["ManyToOneRelationships"].append(r)

    nn = []
    for schema, e1, e2, inter, a1, a2 in m2m:
        r = many_to_many_rel(schema, e1, e2, inter, a1, a2)
        nn.append(r)
        docs[e1]["ManyToManyRelationships"].append(r)
        if e2 != e1:
            docs[e2]["ManyToManyRelationships"].append(r)
        if inter in docs:
            docs[inter]["ManyToManyRelationships"].append(r)

    globals_used = []
    for e in entities:
        for c in e.columns:
            g = c.spec.get("globalset")
            if g and g not in globals_used:
                globals_used.append(g)

    return {
        "@odata.context": "https://%s.crm.dynamics.com/api/data/v9.2/"
                          "$metadata#EntityDefinitions(Attributes(),Keys())" % section[
                              "organization"]["uniqueName"],
        "value": [docs[e.logical] for e in entities],
        "RelationshipDefinitions": [dict({"@odata.type": "#Microsoft.Dynamics.CRM."
                                          "OneToManyRelationshipMetadata"}, **r) for r in rels]
                                   + [dict({"@odata.type": "#Microsoft.Dynamics.CRM."
                                            "ManyToManyRelationshipMetadata"}, **r) for r in nn],
        "GlobalOptionSetDefinitions": [GLOBAL_OPTION_SETS[g] for g in sorted(globals_used)],
        "x-ferry-emulator": section,
    }


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------

def validate(doc):
    errors = []
    ents = {e["LogicalName"]: e for e in doc["value"]}
    ids = set()

    def unique_id(i, what):
        if i in ids:
            errors.append("duplicate MetadataId %s (%s)" % (i, what))
        ids.add(i)

    for e in doc["value"]:
        unique_id(e["MetadataId"], e["LogicalName"])
        attrs = {a["LogicalName"]: a for a in e["Attributes"]}
        if len(attrs) != len(e["Attributes"]):
            errors.append("%s: duplicate attribute names" % e["LogicalName"])
        for a in e["Attributes"]:
            unique_id(a["MetadataId"], e["LogicalName"] + "." + a["LogicalName"])
            for t in a.get("Targets", []):
                if t not in ents:
                    errors.append("%s.%s: lookup target %s missing" % (e["LogicalName"],
                                                                      a["LogicalName"], t))
        if e["PrimaryIdAttribute"] not in attrs:
            errors.append("%s: primary id missing" % e["LogicalName"])
        if e["PrimaryNameAttribute"] and e["PrimaryNameAttribute"] not in attrs:
            errors.append("%s: primary name missing" % e["LogicalName"])
        for k in e["Keys"]:
            unique_id(k["MetadataId"], "key " + k["LogicalName"])
            for ka in k["KeyAttributes"]:
                if ka not in attrs:
                    errors.append("%s key %s: attribute %s missing" % (e["LogicalName"],
                                                                     k["LogicalName"], ka))
                elif attrs[ka]["AttributeType"] not in ("String", "Integer", "Decimal",
                                                         "DateTime", "Lookup", "Picklist"):
                    errors.append("%s key %s: type of %s not allowed in a key"
                                  % (e["LogicalName"], k["LogicalName"], ka))
        for r in e["ManyToOneRelationships"]:
            if r["ReferencingAttribute"] not in attrs:
                errors.append("%s: %s references missing attribute" % (e["LogicalName"],
                                                                      r["SchemaName"]))
    navs = {}
    for r in doc["RelationshipDefinitions"]:
        if r["RelationshipType"] == "OneToManyRelationship":
            if r["ReferencedEntity"] != "owner" and r["ReferencedEntity"] not in ents:
                errors.append("%s: referenced entity missing" % r["SchemaName"])
            if r["ReferencingEntity"] not in ents:
                errors.append("%s: referencing entity missing" % r["SchemaName"])
            else:
                a = {x["LogicalName"]: x for x in ents[r["ReferencingEntity"]]["Attributes"]}
                att = a.get(r["ReferencingAttribute"])
                if att is None:
                    errors.append("%s: referencing attribute missing" % r["SchemaName"])
                elif att["IsCustomAttribute"] and \
                        r["ReferencingEntityNavigationPropertyName"] != att["SchemaName"]:
                    # a real org names a custom lookup's navigation property after its SchemaName
                    errors.append("%s: navigation property is not the SchemaName %s"
                                  % (r["SchemaName"], att["SchemaName"]))
                elif r["ReferencedEntity"] != "owner" and \
                        r["ReferencedEntity"] not in att.get("Targets", []):
                    errors.append("%s: %s not a target of %s" % (r["SchemaName"],
                                                                r["ReferencedEntity"],
                                                                r["ReferencingAttribute"]))
            key = (r["ReferencingEntity"], r["ReferencingEntityNavigationPropertyName"])
            if key in navs:
                errors.append("navigation property %s.%s defined twice" % key)
            navs[key] = r["SchemaName"]
        else:
            for side in ("1", "2"):
                en = r["Entity%sLogicalName" % side]
                if en not in ents:
                    errors.append("%s: entity%s %s missing" % (r["SchemaName"], side, en))
                elif r["Entity%sIntersectAttribute" % side] == "":
                    errors.append("%s: intersect attribute empty" % r["SchemaName"])
    for g in doc["GlobalOptionSetDefinitions"]:
        if not g["IsGlobal"]:
            errors.append("global option set %s not global" % g["Name"])
    users = doc["x-ferry-emulator"]["appUsers"]
    if len(users) < 3 or len({u["clientId"] for u in users}) != len(users):
        errors.append("need 3 distinct app users")
    for t in doc["x-ferry-emulator"]["pluginTables"]:
        if t not in ents:
            errors.append("plug-in table %s missing" % t)
    return errors


def render(doc):
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--org", choices=["demo", "wide"], help="generate only this org")
    p.add_argument("--out", help="output file (with --org)")
    p.add_argument("--check", action="store_true",
                   help="validate and compare with the committed files instead of writing")
    args = p.parse_args()
    targets = [(args.org, args.out or (OUT_DEMO if args.org == "demo" else OUT_WIDE))] \
        if args.org else [("demo", OUT_DEMO), ("wide", OUT_WIDE)]
    status = 0
    for kind, path in targets:
        doc = build(kind)
        errors = validate(doc)
        if kind == "wide":
            wide = [e for e in doc["value"] if e["LogicalName"] == "ferry_widerecord"][0]
            custom = [a for a in wide["Attributes"]
                      if a["IsCustomAttribute"] and a["IsValidForCreate"] and not a["IsPrimaryId"]]
            if len(custom) != 38:
                errors.append("ferry_widerecord has %d writable custom columns" % len(custom))
        for e in errors:
            print("%s: %s" % (kind, e), file=sys.stderr)
        if errors:
            status = 1
            continue
        text = render(doc)
        if args.check:
            try:
                with open(path, encoding="utf-8") as f:
                    same = f.read() == text
            except OSError:
                same = False
            if not same:
                print("%s is stale: run %s" % (path, os.path.relpath(__file__, ROOT)),
                      file=sys.stderr)
                status = 1
        else:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
            print("wrote %s (%d tables, %d relationships)"
                  % (os.path.relpath(path, ROOT), len(doc["value"]),
                     len(doc["RelationshipDefinitions"])))
    return status


if __name__ == "__main__":
    sys.exit(main())
