-- TicketCluster storage schema, version 8 (PostgreSQL): the tables, functions and queries of Orleans'
-- ADO.NET clustering (UseAdoNetClustering) and reminders (UseAdoNetReminderService), 10.4.2.
-- The providers issue only the statements stored in orleansquery under the keys below; they bind the
-- parameters named @... and read result columns by name, so those names and the keys are fixed by Orleans.
-- Everything else (layout details, function names) is ours. Unquoted names fold to lower case; the providers
-- match column names without regard to case. Orleans' persistence tables are not created: grain state stays
-- in grain_state (docs/orleans.md, section 3).

CREATE TABLE orleansquery (
  querykey varchar(64) PRIMARY KEY,
  querytext text NOT NULL
);

-- Membership: one version row per cluster (DeploymentId is the ClusterId), one row per silo generation.
CREATE TABLE orleansmembershipversiontable (
  deploymentid varchar(150) PRIMARY KEY,
  timestamp timestamptz(3) NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 0
);

CREATE TABLE orleansmembershiptable (
  deploymentid varchar(150) NOT NULL REFERENCES orleansmembershipversiontable (deploymentid),
  address varchar(45) NOT NULL,
  port integer NOT NULL,
  generation integer NOT NULL,
  siloname varchar(150) NOT NULL,
  hostname varchar(150) NOT NULL,
  status integer NOT NULL,
  proxyport integer NULL,
  suspecttimes varchar(8000) NULL,
  starttime timestamptz(3) NOT NULL,
  iamalivetime timestamptz(3) NOT NULL,
  PRIMARY KEY (deploymentid, address, port, generation)
);

-- Inserts the cluster's version row; 1 when inserted, 0 when it was there already.
CREATE FUNCTION orleans_insert_membership_version(p_deployment varchar)
RETURNS TABLE (row_count integer) LANGUAGE plpgsql AS $$
DECLARE affected integer;
BEGIN
  INSERT INTO orleansmembershipversiontable (deploymentid) VALUES (p_deployment)
  ON CONFLICT (deploymentid) DO NOTHING;
  GET DIAGNOSTICS affected = ROW_COUNT;
  RETURN QUERY SELECT affected;
END $$;

-- Inserts a silo's row and bumps the cluster version, only if the version is still p_version;
-- 1 when both happened, else 0 and nothing is changed.
CREATE FUNCTION orleans_insert_membership(
  p_deployment varchar, p_address varchar, p_port integer, p_generation integer, p_silo_name varchar,
  p_host_name varchar, p_status integer, p_proxy_port integer, p_start_time timestamptz,
  p_i_am_alive_time timestamptz, p_version integer)
RETURNS TABLE (row_count integer) LANGUAGE plpgsql AS $$
DECLARE affected integer;
BEGIN
  INSERT INTO orleansmembershiptable
    (deploymentid, address, port, generation, siloname, hostname, status, proxyport, starttime, iamalivetime)
  VALUES
    (p_deployment, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status, p_proxy_port,
     p_start_time, p_i_am_alive_time)
  ON CONFLICT (deploymentid, address, port, generation) DO NOTHING;
  GET DIAGNOSTICS affected = ROW_COUNT;
  IF affected = 0 THEN
    RETURN QUERY SELECT 0;
    RETURN;
  END IF;
  UPDATE orleansmembershipversiontable SET timestamp = now(), version = version + 1
  WHERE deploymentid = p_deployment AND version = p_version;
  GET DIAGNOSTICS affected = ROW_COUNT;
  IF affected = 0 THEN
    -- Another silo changed the table first: undo the insert (Orleans reads again and retries).
    DELETE FROM orleansmembershiptable
    WHERE deploymentid = p_deployment AND address = p_address AND port = p_port AND generation = p_generation;
  END IF;
  RETURN QUERY SELECT affected;
END $$;

-- Updates a silo's row and bumps the cluster version, only if the version is still p_version.
CREATE FUNCTION orleans_update_membership(
  p_deployment varchar, p_address varchar, p_port integer, p_generation integer, p_status integer,
  p_suspect_times varchar, p_i_am_alive_time timestamptz, p_version integer)
RETURNS TABLE (row_count integer) LANGUAGE plpgsql AS $$
DECLARE affected integer;
BEGIN
  UPDATE orleansmembershipversiontable SET timestamp = now(), version = version + 1
  WHERE deploymentid = p_deployment AND version = p_version;
  GET DIAGNOSTICS affected = ROW_COUNT;
  IF affected = 0 THEN
    RETURN QUERY SELECT 0;
    RETURN;
  END IF;
  UPDATE orleansmembershiptable
  SET status = p_status, suspecttimes = p_suspect_times, iamalivetime = p_i_am_alive_time
  WHERE deploymentid = p_deployment AND address = p_address AND port = p_port AND generation = p_generation;
  GET DIAGNOSTICS affected = ROW_COUNT;
  IF affected = 0 THEN
    -- No such silo row: the version bump is undone with the whole statement.
    RAISE EXCEPTION 'no membership row for %:%@%', p_address, p_port, p_generation USING ERRCODE = 'P0002';
  END IF;
  RETURN QUERY SELECT affected;
EXCEPTION WHEN no_data_found THEN
  RETURN QUERY SELECT 0;
END $$;

-- Reminders: one row per (service, grain, reminder name); grain_hash is the grain's uniform hash cast to int.
CREATE TABLE orleansreminderstable (
  serviceid varchar(150) NOT NULL,
  grainid varchar(150) NOT NULL,
  remindername varchar(150) NOT NULL,
  starttime timestamptz(3) NOT NULL,
  period bigint NOT NULL,
  grainhash integer NOT NULL,
  version integer NOT NULL,
  PRIMARY KEY (serviceid, grainid, remindername)
);

-- The refresh of a silo's ring range reads by hash.
CREATE INDEX orleansreminderstable_hash ON orleansreminderstable (serviceid, grainhash);

INSERT INTO orleansquery (querykey, querytext) VALUES
('InsertMembershipVersionKey',
 'SELECT * FROM orleans_insert_membership_version(@DeploymentId);'),
('InsertMembershipKey',
 'SELECT * FROM orleans_insert_membership(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
    @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version);'),
('UpdateMembershipKey',
 'SELECT * FROM orleans_update_membership(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes,
    @IAmAliveTime, @Version);'),
('UpdateIAmAlivetimeKey',
 'UPDATE orleansmembershiptable SET iamalivetime = @IAmAliveTime
  WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;'),
('MembershipReadRowKey',
 'SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
         m.suspecttimes, m.starttime, m.iamalivetime, v.version
  FROM orleansmembershipversiontable v
  LEFT JOIN orleansmembershiptable m ON m.deploymentid = v.deploymentid
    AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
  WHERE v.deploymentid = @DeploymentId;'),
('MembershipReadAllKey',
 'SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
         m.suspecttimes, m.starttime, m.iamalivetime, v.version
  FROM orleansmembershipversiontable v
  LEFT JOIN orleansmembershiptable m ON m.deploymentid = v.deploymentid
  WHERE v.deploymentid = @DeploymentId;'),
('DeleteMembershipTableEntriesKey',
 'DELETE FROM orleansmembershiptable WHERE deploymentid = @DeploymentId;
  DELETE FROM orleansmembershipversiontable WHERE deploymentid = @DeploymentId;'),
('GatewaysQueryKey',
 'SELECT address, proxyport, generation FROM orleansmembershiptable
  WHERE deploymentid = @DeploymentId AND status = @Status AND proxyport > 0;'),
('CleanupDefunctSiloEntriesKey',
 'DELETE FROM orleansmembershiptable
  WHERE deploymentid = @DeploymentId AND iamalivetime < @IAmAliveTime AND status <> 3;'),
('UpsertReminderRowKey',
 'INSERT INTO orleansreminderstable (serviceid, grainid, remindername, starttime, period, grainhash, version)
  VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
  ON CONFLICT (serviceid, grainid, remindername) DO UPDATE
    SET starttime = excluded.starttime, period = excluded.period, grainhash = excluded.grainhash,
        version = orleansreminderstable.version + 1
  RETURNING version;'),
('ReadReminderRowsKey',
 'SELECT grainid, remindername, starttime, period, version FROM orleansreminderstable
  WHERE serviceid = @ServiceId AND grainid = @GrainId;'),
('ReadReminderRowKey',
 'SELECT grainid, remindername, starttime, period, version FROM orleansreminderstable
  WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName;'),
('ReadRangeRows1Key',
 'SELECT grainid, remindername, starttime, period, version FROM orleansreminderstable
  WHERE serviceid = @ServiceId AND grainhash > @BeginHash AND grainhash <= @EndHash;'),
('ReadRangeRows2Key',
 'SELECT grainid, remindername, starttime, period, version FROM orleansreminderstable
  WHERE serviceid = @ServiceId AND (grainhash > @BeginHash OR grainhash <= @EndHash);'),
('DeleteReminderRowKey',
 'WITH deleted AS (
    DELETE FROM orleansreminderstable
    WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName AND version = @Version
    RETURNING 1)
  SELECT count(*)::integer FROM deleted;'),
('DeleteReminderRowsKey',
 'DELETE FROM orleansreminderstable WHERE serviceid = @ServiceId;');
