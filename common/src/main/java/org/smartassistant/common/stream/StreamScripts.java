package org.smartassistant.common.stream;

import java.util.List;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts that make each step of the stream protocol one atomic round trip (see
 * docs/streams.md for the protocol).
 */
final class StreamScripts {

  /**
   * Adds an envelope, linked to the previous entry of the same user. It never trims: only entries
   * every group has acknowledged are removed, by {@link #TRIM}. KEYS: stream, user tail[,
   * idempotency key[, kept key]]. ARGV: envelope JSON, tail TTL ms[, idempotency TTL ms[, kept
   * value, kept TTL ms]]. Returns {record id, 1 when added / 0 when the key was used already}; the
   * kept key is set only when the entry is added.
   */
  @SuppressWarnings("rawtypes")
  static final RedisScript<List> PUBLISH =
      RedisScript.of(
          """
          if #KEYS >= 3 then
            local existing = redis.call('GET', KEYS[3])
            if existing then return {existing, 0} end
          end
          local prev = redis.call('GET', KEYS[2])
          local id
          if prev then
            id = redis.call('XADD', KEYS[1], '*', 'envelope', ARGV[1], 'prev', prev)
          else
            id = redis.call('XADD', KEYS[1], '*', 'envelope', ARGV[1])
          end
          redis.call('SET', KEYS[2], id, 'PX', ARGV[2])
          if #KEYS >= 3 then redis.call('SET', KEYS[3], id, 'PX', ARGV[3]) end
          if #KEYS == 4 then redis.call('SET', KEYS[4], ARGV[4], 'PX', ARGV[5]) end
          return {id, 1}
          """,
          List.class);

  /**
   * Decides whether an entry may be handled now. KEYS: processed key, stream. ARGV: group, id of
   * the user's previous entry or ''. Returns 'duplicate' (already processed), 'wait' (the previous
   * entry of the user is still pending in the group) or 'go'.
   */
  static final RedisScript<String> BEGIN =
      RedisScript.of(
          """
          if redis.call('EXISTS', KEYS[1]) == 1 then return 'duplicate' end
          if ARGV[2] ~= '' then
            local pending = redis.call('XPENDING', KEYS[2], ARGV[1], ARGV[2], ARGV[2], 1)
            if #pending > 0 then return 'wait' end
          end
          return 'go'
          """,
          String.class);

  /**
   * Remembers the envelope as processed and acknowledges the entry, in one step so that no
   * acknowledged envelope is ever forgotten. KEYS: processed key, stream. ARGV: group, record id,
   * dedupe TTL ms. Returns the number acknowledged (0: another consumer had done it).
   */
  static final RedisScript<Long> FINISH =
      RedisScript.of(
          """
          redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
          return redis.call('XACK', KEYS[2], ARGV[1], ARGV[2])
          """,
          Long.class);

  /**
   * Moves a pending entry to the dead-letter stream and acknowledges it. KEYS: stream, dead-letter
   * stream[, processed key]. ARGV: group, record id, dead-letter max length, dedupe TTL ms, then
   * field/value pairs of the dead letter. Returns the number acknowledged (0: no longer pending,
   * nothing written).
   */
  static final RedisScript<Long> DEAD_LETTER =
      RedisScript.of(
          """
          local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[2], ARGV[2], 1)
          if #pending == 0 then return 0 end
          local fields = {}
          for i = 5, #ARGV do fields[#fields + 1] = ARGV[i] end
          redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', unpack(fields))
          if #KEYS == 3 then redis.call('SET', KEYS[3], ARGV[2], 'PX', ARGV[4]) end
          return redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
          """,
          Long.class);

  /**
   * Takes over entries idle longer than a minimum on other consumers (XAUTOCLAIM) and reports each
   * one's delivery count. KEYS: stream. ARGV: group, consumer, min idle ms, start id, count.
   * Returns {next start id, {id, delivery count, {field, value, ...}}, ...}.
   */
  @SuppressWarnings("rawtypes")
  static final RedisScript<List> RECLAIM =
      RedisScript.of(
          """
          local claimed = redis.call('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4],
                                     'COUNT', ARGV[5])
          local out = {claimed[1]}
          for _, entry in ipairs(claimed[2]) do
            if entry and entry[2] then
              local pending = redis.call('XPENDING', KEYS[1], ARGV[1], entry[1], entry[1], 1)
              local count = 0
              if #pending > 0 then count = pending[1][4] end
              out[#out + 1] = {entry[1], count, entry[2]}
            end
          end
          return out
          """,
          List.class);

  /**
   * Removes a consumer from the group if it holds no pending entry, in one step so that no entry
   * delivered meanwhile is lost with it. KEYS: stream. ARGV: group, consumer. Returns 1 if removed.
   */
  static final RedisScript<Long> FORGET_CONSUMER =
      RedisScript.of(
          """
          local pending = redis.call('XPENDING', KEYS[1], ARGV[1], '-', '+', 1, ARGV[2])
          if #pending > 0 then return 0 end
          redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], ARGV[2])
          return 1
          """,
          Long.class);

  /**
   * Looks at a stream and its groups and removes the oldest entries that every group has
   * acknowledged, keeping at most {@code keep} entries, but never an entry at or after a group's
   * safe id: its oldest pending entry (delivered, not acknowledged) or, with none pending, the
   * successor of its last-delivered id. A stream without a group is never trimmed (the consumers
   * create their group at 0-0, so entries added before it existed are read too). At most {@code
   * chunk} entries are removed per call. The backlog of a group is its pending count plus its lag
   * (entries not yet delivered): Redis 7's XINFO GROUPS {@code lag}; where Redis has none (6.2) or
   * cannot tell, counted after the last-delivered id, up to {@code countCap}.
   *
   * <p>KEYS: stream. ARGV: keep, chunk, countCap. Returns {length after, removed, {group, pending,
   * lag, safe id}, ...}; {0, 0} when the stream does not exist.
   */
  @SuppressWarnings("rawtypes")
  static final RedisScript<List> TRIM =
      RedisScript.of(
          """
          if redis.call('EXISTS', KEYS[1]) == 0 then return {0, 0} end
          local keep = tonumber(ARGV[1])
          local chunk = tonumber(ARGV[2])
          local cap = tonumber(ARGV[3])
          local function parse(id)
            local ms, seq = string.match(id, '^(%d+)-(%d+)$')
            return tonumber(ms), tonumber(seq)
          end
          local function less(a, b)
            local ams, aseq = parse(a)
            local bms, bseq = parse(b)
            if ams ~= bms then return ams < bms end
            return aseq < bseq
          end
          local function successor(id)
            local ms, seq = string.match(id, '^(%d+)-(%d+)$')
            return ms .. '-' .. string.format('%d', tonumber(seq) + 1)
          end
          local len = redis.call('XLEN', KEYS[1])
          local function undelivered(last)
            local first = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)
            if #first == 0 then return 0 end
            if less(last, first[1][1]) then return len end
            local n = 0
            local from = '(' .. last
            while n < cap do
              local page = redis.call('XRANGE', KEYS[1], from, '+', 'COUNT', 1000)
              n = n + #page
              if #page < 1000 then break end
              from = '(' .. page[#page][1]
            end
            return math.min(n, cap)
          end
          local out = {}
          local safe = nil
          for _, flat in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
            local info = {}
            for i = 1, #flat - 1, 2 do info[flat[i]] = flat[i + 1] end
            local last = info['last-delivered-id']
            local groupSafe
            if info['pending'] > 0 then
              groupSafe = redis.call('XPENDING', KEYS[1], info['name'])[2]
            else
              groupSafe = successor(last)
            end
            local lag = info['lag']
            if type(lag) ~= 'number' then lag = undelivered(last) end
            if safe == nil or less(groupSafe, safe) then safe = groupSafe end
            out[#out + 1] = {info['name'], info['pending'], lag, groupSafe}
          end
          local removed = 0
          if safe ~= nil and len > keep then
            local oldest = redis.call('XRANGE', KEYS[1], '-', '(' .. safe,
                                      'COUNT', math.min(len - keep, chunk))
            if #oldest > 0 then
              removed = redis.call('XTRIM', KEYS[1], 'MINID', successor(oldest[#oldest][1]))
            end
          end
          local reply = {len - removed, removed}
          for _, group in ipairs(out) do reply[#reply + 1] = group end
          return reply
          """,
          List.class);

  private StreamScripts() {}
}
