package org.smartassistant.common.stream;

import java.util.List;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts that make each step of the stream protocol one atomic round trip (see
 * docs/streams.md for the protocol).
 */
final class StreamScripts {

  /**
   * Adds an envelope, linked to the previous entry of the same user, with approximate trimming.
   * KEYS: stream, user tail[, idempotency key]. ARGV: max length, envelope JSON, tail TTL ms[,
   * idempotency TTL ms]. Returns {record id, 1 when added / 0 when the key was used already}.
   */
  @SuppressWarnings("rawtypes")
  static final RedisScript<List> PUBLISH =
      RedisScript.of(
          """
          if #KEYS == 3 then
            local existing = redis.call('GET', KEYS[3])
            if existing then return {existing, 0} end
          end
          local prev = redis.call('GET', KEYS[2])
          local id
          if prev then
            id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*',
                            'envelope', ARGV[2], 'prev', prev)
          else
            id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'envelope', ARGV[2])
          end
          redis.call('SET', KEYS[2], id, 'PX', ARGV[3])
          if #KEYS == 3 then redis.call('SET', KEYS[3], id, 'PX', ARGV[4]) end
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

  private StreamScripts() {}
}
